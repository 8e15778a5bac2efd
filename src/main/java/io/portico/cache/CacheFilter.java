package io.portico.cache;

import io.portico.observe.Exchange;
import io.portico.Gateway;
import io.portico.problem.ProblemResponse;
import io.portico.problem.Problems;
import io.portico.routing.Route;
import io.portico.routing.RoutingFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A shared HTTP cache (RFC 9111) in front of the dispatch servlet, on routes with {@code cache=on}: answers from
 * stored responses while they are fresh, validates them when stale, stores what may be stored, and lets unsafe
 * methods invalidate what they change. Every answer says what the cache did in {@code Cache-Status} (RFC 9211).
 */
public final class CacheFilter extends HttpFilter {

    private static final String CACHE_STATUS = "Cache-Status";
    private static final String NAME = "Portico";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** Headers a stored answer does not repeat as stored: the cache sets them for each answer. */
    private static final Set<String> RECOMPUTED = Set.of("age", "content-length", "cache-status");
    /** Headers of a 304 answered from the cache (RFC 9110 section 15.4.5). */
    private static final Set<String> NOT_MODIFIED_HEADERS = Set.of("cache-control", "content-location", "date",
            "etag", "expires", "vary");

    private CacheConfig config;
    private CachePolicy policy;
    private ResponseStore store;

    @Override
    public void init() {
        config = Gateway.from(getServletContext()).cache();
        policy = new CachePolicy(config.storeSetCookie());
        store = CacheRuntime.store(getServletContext());
    }

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        Route route = RoutingFilter.routed(clientRequest).route();
        if (!config.caches(route.id())) {
            chain.doFilter(clientRequest, clientResponse);
            return;
        }
        String method = clientRequest.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            passOther(route, clientRequest, clientResponse, chain, !SAFE.contains(method));
            return;
        }
        if (clientRequest.getHeader("Range") != null) {
            // Partial content is neither stored nor cut from stored responses: the upstream answers ranges.
            clientResponse.setHeader(CACHE_STATUS, NAME + "; fwd=bypass; detail=range");
            Exchange.of(clientRequest).cache("bypass");
            chain.doFilter(clientRequest, clientResponse);
            return;
        }

        String key = key(route.id(), clientRequest, clientRequest.getRequestURI(), clientRequest.getQueryString());
        CacheControl request = CacheControl.parse(headers(clientRequest, "Cache-Control"));
        Instant now = Instant.now();
        Optional<StoredResponse> stored = store.find(key, name -> headers(clientRequest, name));
        if (stored.isPresent()) {
            CachePolicy.Use use = policy.use(stored.get(), request, pragmaNoCache(clientRequest), now);
            if (use != CachePolicy.Use.VALIDATE) {
                Exchange.of(clientRequest).cache(use == CachePolicy.Use.FRESH ? "hit" : "stale");
                answer(stored.get(), clientRequest, clientResponse, use == CachePolicy.Use.FRESH ? "hit"
                        : "hit; detail=stale");
                if (use == CachePolicy.Use.STALE_WHILE_REVALIDATE) {
                    revalidateAfterAnswer(key, stored.get(), clientRequest, clientResponse, chain);
                }
                return;
            }
        }
        if (request.has("only-if-cached")) {
            ProblemResponse.send(clientResponse, Problems.gatewayTimeout("The cache holds no response to serve."));
            return;
        }
        if (stored.isPresent()) {
            validate(key, stored.get(), request, clientRequest, clientResponse, chain);
        } else {
            fetch(key, request, clientRequest, clientResponse, chain);
        }
    }

    /** Forwards a request the cache holds nothing for, and stores the answer when it may. */
    private void fetch(String key, CacheControl request, HttpServletRequest clientRequest,
            HttpServletResponse clientResponse, FilterChain chain) throws IOException, ServletException {
        Instant requestTime = Instant.now();
        Exchange.of(clientRequest).cache("miss");
        clientResponse.setHeader(CACHE_STATUS, NAME + "; fwd=uri-miss");
        CapturingResponse capture = new CapturingResponse(clientResponse, config.maxEntryBytes(), status -> false);
        chain.doFilter(clientRequest, capture);
        if (clientRequest.getMethod().equals("GET")) {
            storeIfAllowed(key, request, clientRequest, capture, requestTime);
        }
    }

    /**
     * Asks the upstream whether a stored response still holds. A 304 freshens it and the cache answers; an error
     * within stale-if-error is covered by the stale response; anything else goes to the client and is stored.
     */
    private void validate(String key, StoredResponse stored, CacheControl request, HttpServletRequest clientRequest,
            HttpServletResponse clientResponse, FilterChain chain) throws IOException, ServletException {
        Instant requestTime = Instant.now();
        boolean coverErrors = policy.staleIfError(stored, request, requestTime);
        CapturingResponse capture = new CapturingResponse(clientResponse, config.maxEntryBytes(),
                status -> status == 304 || (coverErrors && status >= 500));
        clientResponse.setHeader(CACHE_STATUS, NAME + "; fwd=stale");
        Exchange.of(clientRequest).cache("stale");
        chain.doFilter(new ValidationRequest(clientRequest, stored), capture);

        if (capture.absorbed() && capture.status() == 304) {
            StoredResponse freshened = stored.freshenedBy(capture.headers(), requestTime, capture.responseTime());
            store.put(key, freshened);
            answer(freshened, clientRequest, clientResponse, "fwd=stale; fwd-status=304");
        } else if (capture.absorbed()) {
            answer(stored, clientRequest, clientResponse, "hit; fwd=stale; fwd-status=" + capture.status()
                    + "; detail=stale-if-error");
        } else if (clientRequest.getMethod().equals("GET")) {
            storeIfAllowed(key, request, clientRequest, capture, requestTime);
        }
    }

    /**
     * Validates a stale response the client already has in full (stale-while-revalidate), on the same thread:
     * the client's response is complete and closed, so nothing of this reaches it.
     */
    private void revalidateAfterAnswer(String key, StoredResponse stored, HttpServletRequest clientRequest,
            HttpServletResponse clientResponse, FilterChain chain) throws IOException, ServletException {
        Instant requestTime = Instant.now();
        CapturingResponse capture = new CapturingResponse(clientResponse, config.maxEntryBytes(), status -> true);
        chain.doFilter(new ValidationRequest(clientRequest, stored), capture);
        if (capture.status() == 304 && capture.complete()) {
            store.put(key, stored.freshenedBy(capture.headers(), requestTime, capture.responseTime()));
        } else if (capture.status() < 500) {
            storeIfAllowed(key, CacheControl.NONE, clientRequest, capture, requestTime);
        }
    }

    private void storeIfAllowed(String key, CacheControl request, HttpServletRequest clientRequest,
            CapturingResponse capture, Instant requestTime) {
        if (!capture.complete()) {
            return;
        }
        StoredResponse candidate = new StoredResponse(capture.status(), capture.headers(), capture.body(),
                requestTime, capture.responseTime(), Map.of());
        Optional<String> refusal = policy.refusal(request, clientRequest.getHeader("Authorization") != null,
                candidate.status(), candidate.cacheControl(), candidate.values("Vary"), candidate.values("Expires"),
                candidate.first("Set-Cookie") != null);
        if (refusal.isEmpty()) {
            Exchange.of(clientRequest).cacheStored();
            store.put(key, new StoredResponse(candidate.status(), storedHeaders(candidate), candidate.body(),
                    requestTime, capture.responseTime(), Variants.varied(candidate.values("Vary"),
                            name -> headers(clientRequest, name))));
        }
    }

    /** Drops the fields a {@code private="..."} or {@code no-cache="..."} directive keeps out of a shared cache. */
    private static List<StoredResponse.Header> storedHeaders(StoredResponse response) {
        CacheControl control = response.cacheControl();
        List<String> excluded = new java.util.ArrayList<>();
        for (String directive : List.of("private", "no-cache")) {
            String fields = control.argument(directive);
            if (fields != null && !fields.isEmpty()) {
                for (String field : fields.split(",")) {
                    excluded.add(field.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return response.headers().stream()
                .filter(header -> !excluded.contains(header.name().toLowerCase(Locale.ROOT))).toList();
    }

    /** Writes a stored response to the client, or a 304 when the client's own preconditions say it has it. */
    private static void answer(StoredResponse stored, HttpServletRequest clientRequest,
            HttpServletResponse clientResponse, String detail) throws IOException {
        clientResponse.reset();
        boolean notModified = Preconditions.notModified(clientRequest, stored);
        clientResponse.setStatus(notModified ? 304 : stored.status());
        for (StoredResponse.Header header : stored.headers()) {
            String lower = header.name().toLowerCase(Locale.ROOT);
            if (!RECOMPUTED.contains(lower) && (!notModified || NOT_MODIFIED_HEADERS.contains(lower))) {
                clientResponse.addHeader(header.name(), header.value());
            }
        }
        clientResponse.setHeader("Age", String.valueOf(Freshness.currentAge(stored, Instant.now()).toSeconds()));
        clientResponse.setHeader(CACHE_STATUS, NAME + "; " + detail);
        if (notModified) {
            return;
        }
        clientResponse.setContentLength(stored.body().length);
        if (clientRequest.getMethod().equals("GET")) {
            try (OutputStream out = clientResponse.getOutputStream()) {
                out.write(stored.body());
            }
        } else {
            clientResponse.flushBuffer();
        }
    }

    /** Passes any other method on; a successful unsafe one invalidates the URIs it may have changed. */
    private void passOther(Route route, HttpServletRequest clientRequest, HttpServletResponse clientResponse,
            FilterChain chain, boolean unsafe) throws IOException, ServletException {
        CapturingResponse capture = new CapturingResponse(clientResponse, 0, status -> false);
        chain.doFilter(clientRequest, capture);
        if (!unsafe || capture.status() < 200 || capture.status() >= 400) {
            return;
        }
        store.invalidate(key(route.id(), clientRequest, clientRequest.getRequestURI(),
                clientRequest.getQueryString()));
        for (String field : List.of("Location", "Content-Location")) {
            capture.headers().stream().filter(header -> header.named(field)).findFirst()
                    .ifPresent(header -> invalidateSameOrigin(route, clientRequest, header.value()));
        }
    }

    /** Invalidates {@code location} when it names a URI of the same host (RFC 9111 section 4.4). */
    private void invalidateSameOrigin(Route route, HttpServletRequest clientRequest, String location) {
        try {
            URI base = URI.create(clientRequest.getRequestURL().toString());
            URI target = base.resolve(location.strip());
            if (target.getRawAuthority() != null && target.getRawAuthority().equalsIgnoreCase(base.getRawAuthority())) {
                store.invalidate(key(route.id(), clientRequest, target.getRawPath(), target.getRawQuery()));
            }
        } catch (IllegalArgumentException badLocation) {
            // Nothing to invalidate for a Location that is no URI.
        }
    }

    static String key(String routeId, HttpServletRequest clientRequest, String rawPath, String rawQuery) {
        return CacheKeys.of(routeId, Optional.ofNullable(clientRequest.getHeader("Host")).orElse(""),
                rawPath + (rawQuery == null ? "" : "?" + rawQuery));
    }

    private static boolean pragmaNoCache(HttpServletRequest clientRequest) {
        return clientRequest.getHeader("Cache-Control") == null
                && headers(clientRequest, "Pragma").stream().anyMatch(value -> value.contains("no-cache"));
    }

    private static List<String> headers(HttpServletRequest clientRequest, String name) {
        return Collections.list(clientRequest.getHeaders(name));
    }
}
