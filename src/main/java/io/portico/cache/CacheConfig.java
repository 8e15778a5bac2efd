package io.portico.cache;

import java.time.Duration;
import java.util.Set;

/**
 * The response cache configuration, loaded once at deployment.
 *
 * @param routes the ids of the routes whose responses are cached
 * @param maxEntryBytes the largest body stored; larger ones stream through unstored
 * @param maxBytes the most the local store holds in all (off the Java heap); the least recently used go first
 * @param retention how long a stored response is kept at most, fresh or stale
 * @param storeSetCookie whether responses with {@code Set-Cookie} may be stored
 * @param cluster whether the store is the server's clustered JCache instead of a local Ehcache
 */
public record CacheConfig(Set<String> routes, long maxEntryBytes, long maxBytes, Duration retention,
        boolean storeSetCookie, boolean cluster) {

    public CacheConfig {
        routes = Set.copyOf(routes);
    }

    public boolean caches(String routeId) {
        return routes.contains(routeId);
    }
}
