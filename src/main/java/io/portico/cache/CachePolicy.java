package io.portico.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The rules of a shared HTTP cache (RFC 9111, RFC 5861): what may be stored, and whether a stored response may
 * answer a request as it is, stale, or only after validation. Free of servlet types. Immutable.
 */
public final class CachePolicy {

    /** What a stored response may do for a request. */
    public enum Use {
        /** Fresh enough for the request: answer from the cache. */
        FRESH,
        /** Stale, but within the client's max-stale: answer as it is. */
        STALE,
        /** Stale, but within the response's stale-while-revalidate: answer, then validate (RFC 5861). */
        STALE_WHILE_REVALIDATE,
        /** Validate with the upstream first. */
        VALIDATE
    }

    /** Statuses whose meaning a cache understands well enough to store them (RFC 9111 section 3). */
    private static final Set<Integer> NOT_STORABLE = Set.of(206, 304);

    /** Final statuses whose semantics this cache knows, for must-understand (RFC 9111 section 5.2.2.3). */
    private static final Set<Integer> UNDERSTOOD = Set.of(200, 203, 204, 300, 301, 302, 303, 307, 308, 400, 403,
            404, 405, 410, 414, 500, 501, 502, 503, 504);

    private final boolean storeSetCookie;

    public CachePolicy(boolean storeSetCookie) {
        this.storeSetCookie = storeSetCookie;
    }

    /**
     * Returns why a response must not be stored (a word for {@code Cache-Status}'s detail), or empty when it may.
     */
    public Optional<String> refusal(CacheControl request, boolean authorization, int status, CacheControl response,
            List<String> vary, List<String> expires, boolean setCookie) {
        if (status < 200 || NOT_STORABLE.contains(status)) {
            return Optional.of("status");
        }
        boolean understood = UNDERSTOOD.contains(status);
        if (response.has("must-understand") && !understood) {
            return Optional.of("must-understand");
        }
        boolean noStore = response.has("no-store") && !(response.has("must-understand") && understood);
        if (request.has("no-store") || noStore) {
            return Optional.of("no-store");
        }
        if (response.has("private") && response.argument("private").isEmpty()) {
            return Optional.of("private");
        }
        if (authorization && !(response.has("public") || response.has("s-maxage")
                || response.has("must-revalidate"))) {
            return Optional.of("authorization");
        }
        if (vary.stream().anyMatch(value -> value.strip().equals("*") || value.contains("*"))) {
            return Optional.of("vary-star");
        }
        if (setCookie && !storeSetCookie) {
            return Optional.of("set-cookie");
        }
        boolean explicit = Freshness.explicit(response, expires) || response.has("public");
        if (!explicit && !Freshness.HEURISTICALLY_CACHEABLE.contains(status) && !response.has("no-cache")) {
            return Optional.of("no-freshness");
        }
        return Optional.empty();
    }

    /** Returns what {@code stored} may do for a request with directives {@code request} at {@code now}. */
    public Use use(StoredResponse stored, CacheControl request, boolean pragmaNoCache, Instant now) {
        CacheControl response = stored.cacheControl();
        if (request.has("no-cache") || (pragmaNoCache && !request.has("max-age")) || response.has("no-cache")) {
            return Use.VALIDATE;
        }
        Duration lifetime = Freshness.lifetime(stored);
        Duration age = Freshness.currentAge(stored, now);
        OptionalLong maxAge = request.seconds("max-age");
        if (maxAge.isPresent() && age.compareTo(Duration.ofSeconds(maxAge.getAsLong())) > 0) {
            return Use.VALIDATE;
        }
        Duration minFresh = Duration.ofSeconds(request.seconds("min-fresh").orElse(0));
        if (lifetime.compareTo(age.plus(minFresh)) > 0) {
            return Use.FRESH;
        }
        return staleUse(request, response, age.minus(lifetime));
    }

    /** A stale response may serve within the client's max-stale or the response's stale-while-revalidate. */
    private static Use staleUse(CacheControl request, CacheControl response, Duration staleness) {
        if (forbidsStale(response)) {
            return Use.VALIDATE;
        }
        if (request.has("max-stale")) {
            String argument = request.argument("max-stale");
            boolean within = argument.isEmpty() || staleness.compareTo(Duration.ofSeconds(request.seconds("max-stale")
                    .orElse(0))) <= 0;
            return within ? Use.STALE : Use.VALIDATE;
        }
        OptionalLong whileRevalidate = response.seconds("stale-while-revalidate");
        boolean within = whileRevalidate.isPresent()
                && staleness.compareTo(Duration.ofSeconds(whileRevalidate.getAsLong())) <= 0;
        return within ? Use.STALE_WHILE_REVALIDATE : Use.VALIDATE;
    }

    /** Returns whether {@code stored}, stale, may answer in place of an upstream error (RFC 5861). */
    public boolean staleIfError(StoredResponse stored, CacheControl request, Instant now) {
        CacheControl response = stored.cacheControl();
        OptionalLong window = request.has("stale-if-error") ? request.seconds("stale-if-error")
                : response.seconds("stale-if-error");
        if (window.isEmpty() || forbidsStale(response)) {
            return false;
        }
        Duration staleness = Freshness.currentAge(stored, now).minus(Freshness.lifetime(stored));
        return staleness.compareTo(Duration.ofSeconds(window.getAsLong())) <= 0;
    }

    /**
     * Returns whether the response forbids a shared cache to serve it stale, even when the upstream fails (RFC 9111
     * section 4.2.4): must-revalidate, proxy-revalidate, s-maxage (which carries proxy-revalidate) or no-cache.
     */
    private static boolean forbidsStale(CacheControl response) {
        return response.has("must-revalidate") || response.has("proxy-revalidate") || response.has("s-maxage")
                || response.has("no-cache");
    }
}
