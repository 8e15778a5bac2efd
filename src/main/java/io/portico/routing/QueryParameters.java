package io.portico.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Decodes a raw query string the way HTML forms encode it; bad escapes are kept as they came. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** Returns the decoded values of each decoded parameter name; an absent query has none. */
    public static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        return PercentDecoder.decode(text, true).orElse(text);
    }
}
