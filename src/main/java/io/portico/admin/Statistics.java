package io.portico.admin;

import io.portico.observe.LiveStats;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** The live statistics as JSON, for the dashboard. */
final class Statistics {

    private Statistics() {
    }

    static JsonObject json(LiveStats stats) {
        JsonObjectBuilder routes = Json.createObjectBuilder();
        stats.snapshot().forEach((route, snapshot) -> {
            JsonObjectBuilder upstreams = Json.createObjectBuilder();
            snapshot.upstreams().forEach(upstreams::add);
            routes.add(route, Json.createObjectBuilder()
                    .add("requestsPerSecond", snapshot.requestsPerSecond())
                    .add("errorRatio", snapshot.errorRatio())
                    .add("p50Millis", snapshot.p50Millis())
                    .add("p99Millis", snapshot.p99Millis())
                    .add("cacheHitRatio", snapshot.cacheHitRatio())
                    .add("quotaRejections", snapshot.quotaRejections())
                    .add("requests", snapshot.requests())
                    .add("upstreams", upstreams));
        });
        return Json.createObjectBuilder().add("time", Instant.now().toString()).add("routes", routes).build();
    }
}
