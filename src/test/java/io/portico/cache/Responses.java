package io.portico.cache;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds stored responses for tests from header lines written as {@code "Name: value"}. */
final class Responses {

    private Responses() {
    }

    /** Returns a response fetched in no time at {@code at}, with {@code lines} as its headers. */
    static StoredResponse stored(int status, Instant at, String... lines) {
        return stored(status, at, at, lines);
    }

    static StoredResponse stored(int status, Instant requestTime, Instant responseTime, String... lines) {
        return new StoredResponse(status, headers(lines), "body".getBytes(StandardCharsets.UTF_8), requestTime,
                responseTime, Map.of());
    }

    static List<StoredResponse.Header> headers(String... lines) {
        List<StoredResponse.Header> headers = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            headers.add(new StoredResponse.Header(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return headers;
    }

    static String date(Instant instant) {
        return HttpDates.format(instant);
    }
}
