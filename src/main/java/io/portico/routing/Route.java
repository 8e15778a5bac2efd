package io.portico.routing;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured route, immutable once loaded.
 *
 * @param id the route id, the {@code <id>} of its configuration keys
 * @param path the path pattern
 * @param methods the accepted methods in upper case; empty accepts any
 * @param host a pattern the host name must match, if configured
 * @param headers patterns by lower-case header name
 * @param queries patterns by query parameter name
 * @param upstreams upstreams with their weights, in configured order
 * @param stripPrefix leading path segments removed before forwarding
 * @param connectTimeout longest wait for an upstream connection
 * @param readTimeout longest wait for the upstream's next bytes
 */
public record Route(String id, PathPattern path, Set<String> methods, Optional<Pattern> host,
        Map<String, Pattern> headers, Map<String, Pattern> queries, List<UpstreamAddress> upstreams, int stripPrefix,
        Duration connectTimeout, Duration readTimeout) {

    /** Orders routes from the most specific: longest literal path, then exact before catch-all, then predicates. */
    public static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((Route route) -> route.path().literalLength()).reversed()
            .thenComparing(route -> route.path().catchAll())
            .thenComparing(Comparator.comparingInt(Route::predicateCount).reversed());

    public Route {
        methods = Set.copyOf(methods);
        headers = Map.copyOf(headers);
        queries = Map.copyOf(queries);
        upstreams = List.copyOf(upstreams);
    }

    /** Returns the number of host, header and query predicates. */
    public int predicateCount() {
        return (host.isPresent() ? 1 : 0) + headers.size() + queries.size();
    }

    public boolean acceptsMethod(String method) {
        return methods.isEmpty() || methods.contains(method);
    }

    /** Returns whether host, header and query predicates all hold for {@code request}. */
    public boolean predicatesHold(RoutingRequest request) {
        if (host.isPresent() && !host.get().matcher(request.host()).matches()) {
            return false;
        }
        for (Map.Entry<String, Pattern> header : headers.entrySet()) {
            if (!anyMatches(header.getValue(), request.headerValues(header.getKey()))) {
                return false;
            }
        }
        for (Map.Entry<String, Pattern> query : queries.entrySet()) {
            if (!anyMatches(query.getValue(), request.queryValues(query.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatches(Pattern pattern, List<String> values) {
        for (String value : values) {
            if (pattern.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }
}
