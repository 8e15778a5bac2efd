package io.portico.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The directives of one message's {@code Cache-Control} fields (RFC 9111 section 5.2), across all its field lines.
 * Names are matched case-insensitively; the first occurrence of a directive counts. Immutable.
 */
public final class CacheControl {

    /** RFC 9111 section 1.2.2: a delta-seconds past 2^31 is taken as 2^31. */
    static final long MAX_DELTA_SECONDS = 2_147_483_648L;

    private static final java.util.regex.Pattern QUOTED_PAIR = java.util.regex.Pattern.compile("\\\\(.)");

    public static final CacheControl NONE = new CacheControl(Map.of());

    private final Map<String, String> directives;

    private CacheControl(Map<String, String> directives) {
        this.directives = directives;
    }

    /** Parses every field line of {@code values}; quoted values lose their quotes. */
    public static CacheControl parse(List<String> values) {
        Map<String, String> directives = new HashMap<>();
        for (String value : values) {
            for (String directive : split(value)) {
                int equals = directive.indexOf('=');
                String name = (equals < 0 ? directive : directive.substring(0, equals)).strip()
                        .toLowerCase(Locale.ROOT);
                String argument = equals < 0 ? null : unquote(directive.substring(equals + 1).strip());
                if (!name.isEmpty()) {
                    directives.putIfAbsent(name, argument == null ? "" : argument);
                }
            }
        }
        return directives.isEmpty() ? NONE : new CacheControl(Map.copyOf(directives));
    }

    public boolean has(String name) {
        return directives.containsKey(name);
    }

    /** Returns the argument of {@code name}, empty string when it has none, or null when absent. */
    public String argument(String name) {
        return directives.get(name);
    }

    /**
     * Returns the delta-seconds of {@code name}: empty when absent, 0 when its argument is not a number (an
     * invalid freshness makes a response stale), capped at 2^31.
     */
    public OptionalLong seconds(String name) {
        String argument = directives.get(name);
        if (argument == null) {
            return OptionalLong.empty();
        }
        if (argument.isEmpty() || !argument.chars().allMatch(Character::isDigit)) {
            return OptionalLong.of(0);
        }
        return OptionalLong.of(deltaSeconds(argument));
    }

    /** Returns {@code digits}, a non-empty run of digits, as delta-seconds capped at 2^31. */
    static long deltaSeconds(String digits) {
        // Leading zeros add no value: 000000000060 is 60, not a number too long to represent.
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        String significant = digits.substring(first);
        return significant.length() > 10 ? MAX_DELTA_SECONDS
                : Math.min(Long.parseLong(significant), MAX_DELTA_SECONDS);
    }

    /** Splits a field value at commas outside quoted strings. */
    private static List<String> split(String value) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        return parts;
    }

    private static String unquote(String argument) {
        if (argument.length() >= 2 && argument.startsWith("\"") && argument.endsWith("\"")) {
            return QUOTED_PAIR.matcher(argument.substring(1, argument.length() - 1)).replaceAll("$1");
        }
        return argument;
    }
}
