package io.portico.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request path as received ({@link #raw()}, forwarded byte for byte) and as judged ({@link #segments()},
 * percent-decoded). Paths whose decoded form could mean something else to a backend are refused at parse time,
 * so that the path a policy judges is the path the upstream serves.
 *
 * @param raw the path exactly as the client sent it, without query
 * @param segments the decoded segments; {@code /} has none, {@code /a/} has {@code a} and an empty one
 */
public record RequestPath(String raw, List<String> segments) {

    public RequestPath {
        segments = List.copyOf(segments);
    }

    /**
     * Parses a raw path, refusing dot segments (also encoded or with parameters), encoded slashes and
     * backslashes, control characters, empty inner segments and bad percent-encoding.
     */
    public static RequestPath parse(String raw) throws InvalidPathException {
        if (raw == null || !raw.startsWith("/")) {
            throw new InvalidPathException("The path must start with '/'.");
        }
        if (raw.indexOf('#') >= 0) {
            throw new InvalidPathException("The request target must not contain a fragment ('#').");
        }
        String[] parts = raw.substring(1).split("/", -1);
        List<String> segments = new ArrayList<>(parts.length);
        if (raw.length() > 1) {
            for (int i = 0; i < parts.length; i++) {
                segments.add(segment(parts[i], i == parts.length - 1));
            }
        }
        return new RequestPath(raw, segments);
    }

    private static String segment(String rawSegment, boolean last) throws InvalidPathException {
        if (rawSegment.isEmpty() && !last) {
            throw new InvalidPathException("The path must not contain empty segments ('//').");
        }
        Optional<String> decoded = PercentDecoder.decode(rawSegment, false);
        if (decoded.isEmpty()) {
            throw new InvalidPathException("The path has an invalid percent-encoding.");
        }
        String segment = decoded.get();
        String name = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidPathException("The path must not contain '.' or '..' segments.");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                throw new InvalidPathException("The path must not contain encoded slashes, backslashes or "
                        + "control characters.");
            }
        }
        return segment;
    }
}
