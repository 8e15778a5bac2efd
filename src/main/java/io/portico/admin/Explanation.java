package io.portico.admin;

import io.portico.Gateway;
import io.portico.routing.InvalidPathException;
import io.portico.routing.RequestPath;
import io.portico.routing.Route;
import io.portico.routing.RouteDecision;
import io.portico.routing.RoutingRequest;
import io.portico.security.RouteSecurity;
import io.portico.upstream.UpstreamPolicy;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.stream.Collectors;

/**
 * Says, for a request described by an operator, which route takes it and what each stage would do and why; and
 * describes the loaded routes. The gateway's own reasoning, as JSON.
 */
final class Explanation {

    private Explanation() {
    }

    /** Returns every loaded route with its policies, most specific first: the order routes are tried in. */
    static JsonObject routes(Gateway gateway) {
        JsonArrayBuilder routes = Json.createArrayBuilder();
        gateway.routes().routes().forEach(route -> routes.add(route(gateway, route)));
        return Json.createObjectBuilder().add("routes", routes).build();
    }

    /** Returns what the gateway would do with {@code request}. */
    static JsonObject explain(Gateway gateway, RoutingRequest request) {
        RouteDecision decision = gateway.routes().decide(request);
        JsonObjectBuilder answer = Json.createObjectBuilder().add("method", request.method())
                .add("host", request.host()).add("path", request.path().raw());
        if (decision instanceof RouteDecision.Matched matched) {
            return answer.add("decision", "route").add("route", route(gateway, matched.route()))
                    .add("stages", stages(gateway, matched.route())).build();
        }
        if (decision instanceof RouteDecision.MethodNotAllowed refused) {
            return answer.add("decision", "405").add("why", "Routes match this path but accept only "
                    + String.join(", ", refused.allowed()) + ".").build();
        }
        return answer.add("decision", "404").add("why", "No route matches path, host, headers and query.").build();
    }

    /** Parses a path for the explain call, or explains why the gateway would refuse it with 400. */
    static RequestPath path(String raw) throws InvalidPathException {
        return RequestPath.parse(raw == null ? "/" : raw);
    }

    private static JsonObject route(Gateway gateway, Route route) {
        RouteSecurity security = gateway.security().rulesFor(route.id());
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", route.id())
                .add("path", route.path().toString())
                .add("methods", route.methods().isEmpty() ? "any" : String.join(",",
                        new java.util.TreeSet<>(route.methods())))
                .add("predicates", route.predicateCount())
                .add("upstreams", route.upstreams().stream().map(Object::toString).collect(Collectors.joining(",")))
                .add("strip_prefix", route.stripPrefix())
                .add("timeout_connect_ms", route.connectTimeout().toMillis())
                .add("timeout_read_ms", route.readTimeout().toMillis())
                .add("auth", security.open() ? "none" : security.methods().stream().map(m -> m.configName())
                        .sorted().collect(Collectors.joining(",")))
                .add("roles", String.join(",", new java.util.TreeSet<>(security.roles())))
                .add("scopes", String.join(",", new java.util.TreeSet<>(security.scopes())))
                .add("cache", gateway.cache().caches(route.id()));
        UpstreamPolicy upstreams = gateway.upstreams().policies().get(route.id());
        json.add("balance", upstreams.balancing().label())
                .add("retries", upstreams.retry().retries())
                .add("health_check", upstreams.check().map(check -> check.path() + " every "
                        + check.interval().toMillis() + " ms").orElse("off"));
        gateway.quota().routes().values().stream().filter(quota -> quota.routeId().equals(route.id())).findFirst()
                .ifPresent(quota -> json.add("quota", quota.limit() + " by " + quota.key().kind().name()
                        .toLowerCase(java.util.Locale.ROOT)));
        return json.build();
    }

    private static JsonArrayBuilder stages(Gateway gateway, Route route) {
        RouteSecurity security = gateway.security().rulesFor(route.id());
        JsonArrayBuilder stages = Json.createArrayBuilder()
                .add(stage("limits", "acts", "Bodies over " + gateway.limits().maxBodyBytes() + " bytes get 413, "
                        + "headers over " + gateway.limits().maxHeaderBytes() + " bytes get 431."));
        stages.add(security.open() ? stage("security", "passes", "The route asks for no credentials.")
                : stage("security", "acts", "Needs " + security.methods().stream().map(m -> m.configName())
                        .sorted().collect(Collectors.joining(" or ")) + (security.roles().isEmpty() ? ""
                        : " with one of the roles " + String.join(", ", security.roles())) + "."));
        stages.add(gateway.quota().routes().containsKey(route.id())
                ? stage("quota", "acts", "At most " + gateway.quota().routes().get(route.id()).limit() + ".")
                : stage("quota", "passes", "The route has no quota."));
        stages.add(gateway.cache().caches(route.id())
                ? stage("cache", "acts", "GET and HEAD answers are stored as their Cache-Control allows.")
                : stage("cache", "passes", "The route's cache is off."));
        UpstreamPolicy upstreams = gateway.upstreams().policies().get(route.id());
        return stages.add(stage("dispatch", "acts", "Forwards to one of " + route.upstreams().size()
                + " upstream(s) by " + upstreams.balancing().label() + ", with a read timeout of "
                + route.readTimeout().toMillis() + " ms and up to " + upstreams.retry().retries() + " retries."));
    }

    private static JsonObject stage(String name, String action, String why) {
        return Json.createObjectBuilder().add("stage", name).add("action", action).add("why", why).build();
    }
}
