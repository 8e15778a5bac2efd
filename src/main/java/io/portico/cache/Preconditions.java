package io.portico.cache;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Evaluates a client's own {@code If-None-Match} and {@code If-Modified-Since} against a stored response. */
final class Preconditions {

    private Preconditions() {
    }

    /** Returns whether the client already has {@code stored}, so that a 304 answers (RFC 9110 section 13.2.2). */
    static boolean notModified(HttpServletRequest clientRequest, StoredResponse stored) {
        List<String> ifNoneMatch = Collections.list(clientRequest.getHeaders("If-None-Match"));
        if (!ifNoneMatch.isEmpty()) {
            String etag = stored.first("ETag");
            return etag != null && matches(ifNoneMatch, etag);
        }
        Optional<Instant> since = HttpDates.parse(clientRequest.getHeader("If-Modified-Since"));
        Optional<Instant> lastModified = HttpDates.parse(stored.first("Last-Modified"));
        return since.isPresent() && lastModified.isPresent() && !lastModified.get().isAfter(since.get());
    }

    /** Weak comparison: {@code W/"a"} matches {@code "a"}; {@code *} matches any. */
    private static boolean matches(List<String> ifNoneMatch, String etag) {
        String opaque = weakless(etag.strip());
        for (String line : ifNoneMatch) {
            for (String candidate : line.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*") || weakless(tag).equals(opaque)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String weakless(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
