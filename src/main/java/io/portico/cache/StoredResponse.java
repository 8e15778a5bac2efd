package io.portico.cache;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response held by the cache, with the times the request left and the response arrived, which its age is
 * computed from (RFC 9111 section 4.2.3). Immutable; serializable so that a clustered cache can hold it.
 *
 * @param status the status code
 * @param headers the header lines, in order
 * @param body the whole body
 * @param requestTime when the request that fetched or last validated it was sent
 * @param responseTime when that response arrived
 * @param varied the request's values of the fields its {@code Vary} names, by lower-case name, normalized
 */
public record StoredResponse(int status, List<Header> headers, byte[] body, Instant requestTime,
        Instant responseTime, Map<String, String> varied) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Fields that describe the stored body or its identity; a 304 never changes them (RFC 9111 section 3.2). */
    private static final java.util.Set<String> KEPT_ON_FRESHENING = java.util.Set.of("content-length",
            "content-encoding", "transfer-encoding", "content-md5", "content-range", "etag");

    /** One header line. */
    public record Header(String name, String value) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        boolean named(String other) {
            return name.equalsIgnoreCase(other);
        }
    }

    public StoredResponse {
        headers = List.copyOf(headers);
        varied = Map.copyOf(varied);
    }

    /** Returns every value of header {@code name}. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.named(name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    /** Returns the first value of header {@code name}, or null. */
    public String first(String name) {
        for (Header header : headers) {
            if (header.named(name)) {
                return header.value();
            }
        }
        return null;
    }

    public CacheControl cacheControl() {
        return CacheControl.parse(values("Cache-Control"));
    }

    /**
     * Returns this response freshened by a 304 (RFC 9111 section 4.3.4): each header the 304 carries replaces
     * the stored ones of that name, except those that describe the stored body.
     */
    public StoredResponse freshenedBy(List<Header> notModified, Instant newRequestTime, Instant newResponseTime) {
        List<String> replaced = new ArrayList<>();
        for (Header header : notModified) {
            String lower = header.name().toLowerCase(Locale.ROOT);
            if (!KEPT_ON_FRESHENING.contains(lower) && !replaced.contains(lower)) {
                replaced.add(lower);
            }
        }
        List<Header> merged = new ArrayList<>();
        for (Header header : headers) {
            if (!replaced.contains(header.name().toLowerCase(Locale.ROOT))) {
                merged.add(header);
            }
        }
        for (Header header : notModified) {
            if (replaced.contains(header.name().toLowerCase(Locale.ROOT))) {
                merged.add(header);
            }
        }
        return new StoredResponse(status, merged, body, newRequestTime, newResponseTime, varied);
    }
}
