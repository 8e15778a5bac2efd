package io.portico.quota;

import java.time.Duration;
import java.util.Map;

/**
 * The quota configuration, loaded once at deployment.
 *
 * @param routes each limited route's budget, by route id
 * @param plans each consumer's own limit, by consumer name, for routes counted by consumer
 * @param cluster whether budgets live in the server's clustered JCache instead of a local Ehcache
 * @param maxKeys how many budgets the local store keeps at most
 * @param failOpen whether requests pass when the store fails
 * @param legacyHeaders whether the {@code X-RateLimit-*} trio is sent besides the standard headers
 */
public record QuotaConfig(Map<String, RouteQuota> routes, Map<String, QuotaLimit> plans, boolean cluster,
        long maxKeys, boolean failOpen, boolean legacyHeaders) {

    public QuotaConfig {
        routes = Map.copyOf(routes);
        plans = Map.copyOf(plans);
    }

    /** Returns the longest period of any budget: after it, every stored timestamp lies in the past. */
    public Duration longestPeriod() {
        return java.util.stream.Stream.concat(routes.values().stream().map(RouteQuota::limit),
                plans.values().stream()).map(QuotaLimit::period).max(Duration::compareTo).orElse(Duration.ofSeconds(1));
    }
}
