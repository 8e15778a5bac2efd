package io.portico.upstream;

import io.portico.config.ConfigReader;
import io.portico.config.Keys;
import io.portico.routing.Route;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Loads and validates each route's balancing, health and retry keys, and the shutdown grace period. */
public final class UpstreamLoader {

    private final ConfigReader reader;

    public UpstreamLoader(ConfigReader reader) {
        this.reader = reader;
    }

    public UpstreamConfig load(List<Route> routes) {
        Map<String, UpstreamPolicy> policies = new HashMap<>();
        for (Route route : routes) {
            policies.put(route.id(), policy(route.id()));
        }
        Duration grace = reader.duration(Keys.SHUTDOWN_GRACE.name(), Keys.SHUTDOWN_GRACE.defaultValue());
        return new UpstreamConfig(policies, grace);
    }

    private UpstreamPolicy policy(String id) {
        String balance = reader.choice(Keys.ROUTE_BALANCE.forRoute(id), Keys.ROUTE_BALANCE.defaultValue(),
                "round-robin", "least-in-flight");
        Balancing balancing = balance.equals("least-in-flight") ? Balancing.LEAST_IN_FLIGHT : Balancing.ROUND_ROBIN;
        HealthPolicy health = new HealthPolicy(failureRatio(id),
                reader.positiveInt(Keys.ROUTE_HEALTH_MIN_REQUESTS.forRoute(id),
                        Keys.ROUTE_HEALTH_MIN_REQUESTS.defaultValue()),
                reader.duration(Keys.ROUTE_HEALTH_WINDOW.forRoute(id), Keys.ROUTE_HEALTH_WINDOW.defaultValue()),
                reader.duration(Keys.ROUTE_HEALTH_COOLDOWN.forRoute(id), Keys.ROUTE_HEALTH_COOLDOWN.defaultValue()));
        RetryPolicy retry = new RetryPolicy(
                reader.nonNegativeInt(Keys.ROUTE_RETRIES.forRoute(id), Keys.ROUTE_RETRIES.defaultValue()),
                statuses(id),
                reader.duration(Keys.ROUTE_RETRY_TIME_LIMIT.forRoute(id), Keys.ROUTE_RETRY_TIME_LIMIT.defaultValue()));
        return new UpstreamPolicy(balancing, health, check(id), retry);
    }

    private double failureRatio(String id) {
        String key = Keys.ROUTE_HEALTH_FAILURE_RATIO.forRoute(id);
        String text = reader.optional(key).orElse(Keys.ROUTE_HEALTH_FAILURE_RATIO.defaultValue());
        try {
            double ratio = Double.parseDouble(text);
            if (ratio > 0 && ratio <= 1) {
                return ratio;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reader.reject(key, "must be a number above 0 and at most 1, such as 0.5", text);
        return 1;
    }

    private Set<Integer> statuses(String id) {
        String key = Keys.ROUTE_RETRY_STATUSES.forRoute(id);
        Set<Integer> statuses = new LinkedHashSet<>();
        for (String text : reader.list(key, Keys.ROUTE_RETRY_STATUSES.defaultValue())) {
            try {
                int status = Integer.parseInt(text);
                if (status >= 500 && status <= 599) {
                    statuses.add(status);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            reader.reject(key, "statuses must be 500 to 599", text);
        }
        return statuses;
    }

    private Optional<HealthCheck> check(String id) {
        String pathKey = Keys.ROUTE_HEALTH_CHECK_PATH.forRoute(id);
        Optional<String> path = reader.optional(pathKey);
        Duration interval = reader.duration(Keys.ROUTE_HEALTH_CHECK_INTERVAL.forRoute(id),
                Keys.ROUTE_HEALTH_CHECK_INTERVAL.defaultValue());
        Duration timeout = reader.duration(Keys.ROUTE_HEALTH_CHECK_TIMEOUT.forRoute(id),
                Keys.ROUTE_HEALTH_CHECK_TIMEOUT.defaultValue());
        if (path.isEmpty()) {
            return Optional.empty();
        }
        if (!path.get().startsWith("/") || path.get().chars().anyMatch(c -> c <= ' ' || c >= 127 || c == '#')) {
            reader.reject(pathKey, "must be a path starting with / in printable ASCII, such as /health", path.get());
            return Optional.empty();
        }
        return Optional.of(new HealthCheck(path.get(), interval, timeout));
    }
}
