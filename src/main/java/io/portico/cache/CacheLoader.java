package io.portico.cache;

import io.portico.config.ConfigReader;
import io.portico.config.Keys;
import io.portico.routing.Route;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Loads and validates the response cache keys. */
public final class CacheLoader {

    private final ConfigReader reader;

    public CacheLoader(ConfigReader reader) {
        this.reader = reader;
    }

    public CacheConfig load(List<Route> routes) {
        Set<String> cached = new HashSet<>();
        for (Route route : routes) {
            String key = Keys.ROUTE_CACHE.forRoute(route.id());
            if (reader.choice(key, Keys.ROUTE_CACHE.defaultValue(), "on", "off").equals("on")) {
                cached.add(route.id());
            }
        }
        String store = reader.choice(Keys.CACHE_STORE.name(), Keys.CACHE_STORE.defaultValue(), "local", "cluster");
        long maxEntry = reader.size(Keys.CACHE_MAX_ENTRY_SIZE.name(), Keys.CACHE_MAX_ENTRY_SIZE.defaultValue());
        long maxSize = reader.size(Keys.CACHE_MAX_SIZE.name(), Keys.CACHE_MAX_SIZE.defaultValue());
        if (maxEntry > maxSize) {
            reader.reject(Keys.CACHE_MAX_ENTRY_SIZE.name(), "must not exceed " + Keys.CACHE_MAX_SIZE.name(),
                    String.valueOf(maxEntry));
        }
        return new CacheConfig(cached, maxEntry, Math.max(maxSize, 1 << 20),
                reader.duration(Keys.CACHE_RETENTION.name(), Keys.CACHE_RETENTION.defaultValue()),
                reader.bool(Keys.CACHE_STORE_SET_COOKIE.name(), Keys.CACHE_STORE_SET_COOKIE.defaultValue()),
                store.equals("cluster"));
    }
}
