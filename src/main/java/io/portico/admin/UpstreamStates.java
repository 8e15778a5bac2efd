package io.portico.admin;

import io.portico.upstream.Upstream;
import io.portico.upstream.UpstreamPool;
import io.portico.upstream.UpstreamRuntime;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Comparator;

/** Describes each route's upstreams as they stand now: state, load, recent failures, ejections. */
final class UpstreamStates {

    private UpstreamStates() {
    }

    static JsonObject json(UpstreamRuntime runtime) {
        long now = System.nanoTime();
        JsonArrayBuilder routes = Json.createArrayBuilder();
        runtime.pools().stream().sorted(Comparator.comparing(UpstreamPool::routeId)).forEach(pool -> {
            JsonArrayBuilder upstreams = Json.createArrayBuilder();
            for (Upstream upstream : pool.members()) {
                upstreams.add(Json.createObjectBuilder()
                        .add("url", upstream.address().base().toString())
                        .add("weight", upstream.address().weight())
                        .add("state", upstream.health().state(now).label())
                        .add("inFlight", upstream.inFlight())
                        .add("failureRatio", Math.round(upstream.health().failureRatio(now) * 1000) / 1000.0)
                        .add("ejections", upstream.health().ejections()));
            }
            routes.add(Json.createObjectBuilder().add("route", pool.routeId())
                    .add("balance", pool.policy().balancing().label())
                    .add("healthCheck", pool.policy().check().map(check -> check.path()).orElse(""))
                    .add("upstreams", upstreams));
        });
        return Json.createObjectBuilder().add("routes", routes).build();
    }
}
