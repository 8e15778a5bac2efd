package io.portico.quota;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of the IETF httpapi draft "RateLimit header fields for HTTP": {@code RateLimit-Policy} states the
 * budget ({@code q} requests per {@code w} seconds), {@code RateLimit} what is left ({@code r} requests, whole
 * budget back in {@code t} seconds). The policy is named after the route. Optionally also the older
 * {@code X-RateLimit-Limit/-Remaining/-Reset} trio.
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /** Returns the headers for {@code outcome}; with no decision (store failed), the policy alone. */
    public static Map<String, String> of(QuotaOutcome outcome, boolean legacy) {
        RouteQuota quota = outcome.quota();
        String name = "\"" + quota.routeId() + "\"";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Policy", name + ";q=" + quota.limit().requests() + ";w="
                + quota.limit().period().toSeconds());
        outcome.decision().ifPresent(decision -> {
            headers.put("RateLimit", name + ";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
            if (legacy) {
                headers.put("X-RateLimit-Limit", String.valueOf(quota.limit().requests()));
                headers.put("X-RateLimit-Remaining", String.valueOf(decision.remaining()));
                headers.put("X-RateLimit-Reset", String.valueOf(decision.resetSeconds()));
            }
        });
        return headers;
    }

    /** Returns whether {@code name} is one of the headers this class owns, which an upstream may not set. */
    public static boolean owns(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("ratelimit") || lower.equals("ratelimit-policy") || lower.startsWith("x-ratelimit-");
    }
}
