package io.portico.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route's path pattern: literal segments, {@code {name}} segments that match any one non-empty segment, and an
 * optional trailing {@code /**} that matches the rest of the path, including nothing. Immutable.
 */
public final class PathPattern {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final String CATCH_ALL = "**";

    /** One fixed segment: a literal, or a variable when {@code variable} is not null. */
    private record Segment(String literal, String variable) {

        boolean matches(String segment) {
            return variable == null ? literal.equals(segment) : !segment.isEmpty();
        }

        boolean mayEqual(Segment other) {
            return variable != null || other.variable != null || literal.equals(other.literal);
        }
    }

    private final String text;
    private final List<Segment> segments;
    private final boolean catchAll;

    private PathPattern(String text, List<Segment> segments, boolean catchAll) {
        this.text = text;
        this.segments = List.copyOf(segments);
        this.catchAll = catchAll;
    }

    /** Parses {@code text}, or throws {@link IllegalArgumentException} saying which rule it breaks. */
    public static PathPattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/'");
        }
        List<String> parts = text.equals("/") ? List.of() : List.of(text.substring(1).split("/", -1));
        boolean catchAll = !parts.isEmpty() && parts.get(parts.size() - 1).equals(CATCH_ALL);
        List<Segment> segments = new ArrayList<>();
        Set<String> variables = new HashSet<>();
        for (String part : catchAll ? parts.subList(0, parts.size() - 1) : parts) {
            Segment segment = segment(part);
            if (segment.variable() != null && !variables.add(segment.variable())) {
                throw new IllegalArgumentException("variable names must differ; {" + segment.variable()
                        + "} is repeated");
            }
            segments.add(segment);
        }
        return new PathPattern(text, segments, catchAll);
    }

    private static Segment segment(String part) {
        var variable = VARIABLE.matcher(part);
        if (variable.matches()) {
            return new Segment(null, variable.group(1));
        }
        if (part.isEmpty() || part.contains("{") || part.contains("}") || part.contains("*")) {
            throw new IllegalArgumentException("segments must be literal, {name} or a final **, without '//'");
        }
        return new Segment(part, null);
    }

    /** Returns the path variables when {@code path} matches, or empty. */
    public Optional<Map<String, String>> match(RequestPath path) {
        List<String> requested = path.segments();
        if (requested.size() < segments.size() || (!catchAll && requested.size() != segments.size())) {
            return Optional.empty();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (!segment.matches(requested.get(i))) {
                return Optional.empty();
            }
            if (segment.variable() != null) {
                variables.put(segment.variable(), requested.get(i));
            }
        }
        return Optional.of(variables);
    }

    /** Returns whether some request path matches both this pattern and {@code other}. */
    public boolean overlaps(PathPattern other) {
        int common = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < common; i++) {
            if (!segments.get(i).mayEqual(other.segments.get(i))) {
                return false;
            }
        }
        if (catchAll && other.catchAll) {
            return true;
        }
        if (catchAll || other.catchAll) {
            PathPattern open = catchAll ? this : other;
            PathPattern closed = catchAll ? other : this;
            return closed.segments.size() >= open.segments.size();
        }
        return segments.size() == other.segments.size();
    }

    /** Returns the length of the literal text, the first measure of how specific a route is. */
    public int literalLength() {
        int length = 0;
        for (Segment segment : segments) {
            length += segment.variable() == null ? segment.literal().length() + 1 : 1;
        }
        return length;
    }

    public boolean catchAll() {
        return catchAll;
    }

    @Override
    public String toString() {
        return text;
    }
}
