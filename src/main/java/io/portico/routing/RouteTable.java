package io.portico.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The loaded routes, most specific first; picks the route for each request. Immutable and thread-safe. */
public final class RouteTable {

    private final List<Route> routes;

    /** Builds a table; the caller has checked that no two routes tie (see {@link RouteLoader}). */
    public RouteTable(List<Route> routes) {
        this.routes = routes.stream().sorted(Route.MOST_SPECIFIC_FIRST.thenComparing(Route::id)).toList();
    }

    public List<Route> routes() {
        return routes;
    }

    /** Returns the most specific route matching {@code request}, or why none does. */
    public RouteDecision decide(RoutingRequest request) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.path().match(request.path());
            if (variables.isEmpty() || !route.predicatesHold(request)) {
                continue;
            }
            if (route.acceptsMethod(request.method())) {
                return new RouteDecision.Matched(route, variables.get());
            }
            allowed.addAll(route.methods());
        }
        if (allowed.isEmpty()) {
            return new RouteDecision.NotFound();
        }
        return new RouteDecision.MethodNotAllowed(List.copyOf(allowed));
    }
}
