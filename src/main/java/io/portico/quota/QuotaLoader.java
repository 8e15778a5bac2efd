package io.portico.quota;

import io.portico.config.ConfigReader;
import io.portico.config.Keys;
import io.portico.routing.Route;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Loads and validates the quota keys: each route's budget and key, consumers' plans, the store settings. */
public final class QuotaLoader {

    private static final java.util.regex.Pattern HEADER_NAME =
            java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final String LIMIT_RULE = "must be requests per period such as 100/1m, 10/1s or 5000/1h";

    private final ConfigReader reader;

    public QuotaLoader(ConfigReader reader) {
        this.reader = reader;
    }

    /**
     * Reads the budgets of {@code routes}; {@code authenticated} tells which route ids require credentials, since
     * only those can be counted by consumer.
     */
    public QuotaConfig load(List<Route> routes, Set<String> authenticated) {
        Map<String, RouteQuota> budgets = new HashMap<>();
        for (Route route : routes) {
            budget(route.id(), authenticated.contains(route.id())).ifPresent(quota -> budgets.put(route.id(), quota));
        }
        String store = reader.choice(Keys.QUOTA_STORE.name(), Keys.QUOTA_STORE.defaultValue(), "local", "cluster");
        String onFailure = reader.choice(Keys.QUOTA_ON_STORE_FAILURE.name(),
                Keys.QUOTA_ON_STORE_FAILURE.defaultValue(), "open", "closed");
        long maxKeys = reader.positiveInt(Keys.QUOTA_MAX_KEYS.name(), Keys.QUOTA_MAX_KEYS.defaultValue());
        boolean legacy = reader.bool(Keys.QUOTA_LEGACY_HEADERS.name(), Keys.QUOTA_LEGACY_HEADERS.defaultValue());
        return new QuotaConfig(budgets, plans(), store.equals("cluster"), maxKeys,
                !onFailure.equals("closed"), legacy);
    }

    private Optional<RouteQuota> budget(String id, boolean authenticated) {
        String limitKey = Keys.ROUTE_QUOTA.forRoute(id);
        String keyKey = Keys.ROUTE_QUOTA_KEY.forRoute(id);
        Optional<String> text = reader.optional(limitKey);
        if (text.isEmpty()) {
            reader.optional(keyKey).ifPresent(value -> reader.reject(keyKey, "needs " + limitKey, value));
            return Optional.empty();
        }
        Optional<QuotaLimit> limit = limit(limitKey, text.get());
        String keyText = reader.optional(keyKey).orElse(Keys.ROUTE_QUOTA_KEY.defaultValue());
        Optional<QuotaKey> key = QuotaKey.parse(keyText);
        if (key.isEmpty() || (key.get().kind() == QuotaKey.Kind.HEADER && !HEADER_NAME.matcher(key.get().header())
                .matches())) {
            reader.reject(keyKey, "must be consumer, ip, route or header:<Name>", keyText);
            key = Optional.empty();
        } else if (key.get().kind() == QuotaKey.Kind.CONSUMER && !authenticated) {
            reader.reject(keyKey, "counting by consumer needs an auth method on the route", keyText);
        }
        return limit.isPresent() && key.isPresent()
                ? Optional.of(new RouteQuota(id, limit.get(), key.get())) : Optional.empty();
    }

    private Optional<QuotaLimit> limit(String key, String text) {
        Optional<QuotaLimit> limit = QuotaLimit.parse(text);
        if (limit.isEmpty()) {
            reader.reject(key, LIMIT_RULE, text);
        }
        return limit;
    }

    private Map<String, QuotaLimit> plans() {
        Set<String> consumers = new TreeSet<>();
        for (String name : reader.names()) {
            if (name.startsWith(Keys.CONSUMER_PREFIX) && name.endsWith(".quota")) {
                consumers.add(name.substring(Keys.CONSUMER_PREFIX.length(), name.length() - ".quota".length()));
            }
        }
        Map<String, QuotaLimit> plans = new HashMap<>();
        for (String consumer : consumers) {
            String key = Keys.CONSUMER_QUOTA.forName(consumer);
            limit(key, reader.optional(key).orElse("")).ifPresent(limit -> plans.put(consumer, limit));
        }
        return plans;
    }
}
