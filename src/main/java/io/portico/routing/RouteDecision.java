package io.portico.routing;

import java.util.Map;
import java.util.List;

/** What routing decided for one request. */
public sealed interface RouteDecision {

    /** A route matched; {@code variables} holds the values of its {@code {name}} segments. */
    record Matched(Route route, Map<String, String> variables) implements RouteDecision {
    }

    /** No route matches path, host, headers and query. */
    record NotFound() implements RouteDecision {
    }

    /** Routes match everything but the method; {@code allowed} lists the methods they accept, sorted. */
    record MethodNotAllowed(List<String> allowed) implements RouteDecision {
    }
}
