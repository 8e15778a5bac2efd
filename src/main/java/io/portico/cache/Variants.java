package io.portico.cache;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The stored responses of one URI, one per set of request header values their {@code Vary} names (RFC 9111
 * section 4.1). Immutable; serializable for a clustered cache.
 *
 * @param responses the variants, most recent first
 */
public record Variants(List<StoredResponse> responses) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** More variants than this for one URI push out the oldest. */
    static final int MAX_VARIANTS = 8;

    /** A comma with the blanks around it, which do not make two header values differ. */
    private static final java.util.regex.Pattern LIST_SEPARATOR = java.util.regex.Pattern.compile("\\s*,\\s*");

    /** Stands for a header the request did not carry, which matches only a request without it too. */
    private static final String ABSENT = "\u0000";

    public Variants {
        responses = List.copyOf(responses);
    }

    /** Returns the variant whose varied header values the request has, if any. */
    public java.util.Optional<StoredResponse> select(Function<String, List<String>> requestHeaders) {
        for (StoredResponse response : responses) {
            if (response.varied().equals(varied(response.values("Vary"), requestHeaders))) {
                return java.util.Optional.of(response);
            }
        }
        return java.util.Optional.empty();
    }

    /** Returns these variants with {@code response} in place of any variant for the same header values. */
    public Variants with(StoredResponse response) {
        List<StoredResponse> kept = new ArrayList<>();
        kept.add(response);
        for (StoredResponse existing : responses) {
            if (!existing.varied().equals(response.varied()) && kept.size() < MAX_VARIANTS) {
                kept.add(existing);
            }
        }
        return new Variants(kept);
    }

    /**
     * Returns the request's values of the fields named by {@code vary}, by lower-case name: field lines joined,
     * blanks around commas removed.
     */
    public static Map<String, String> varied(List<String> vary, Function<String, List<String>> requestHeaders) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : vary) {
            for (String name : line.split(",")) {
                String field = name.strip().toLowerCase(Locale.ROOT);
                if (!field.isEmpty()) {
                    List<String> present = requestHeaders.apply(field);
                    values.put(field, present.isEmpty() ? ABSENT
                            : LIST_SEPARATOR.matcher(String.join(",", present)).replaceAll(",").strip());
                }
            }
        }
        return values;
    }
}
