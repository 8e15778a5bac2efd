package io.portico.cache;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;

/**
 * The stored responses, by cache key, in a JCache cache (a local Ehcache or the server's cluster). A store that
 * fails is skipped: the request goes upstream as if nothing were stored. Thread-safe.
 */
public final class ResponseStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ResponseStore.class.getName());

    private final Cache<String, Variants> cache;
    private final AutoCloseable owner;

    public ResponseStore(Cache<String, Variants> cache, AutoCloseable owner) {
        this.cache = cache;
        this.owner = owner;
    }

    /** Returns the variant of {@code key} that the request's headers select. */
    public Optional<StoredResponse> find(String key, Function<String, List<String>> requestHeaders) {
        try {
            Variants variants = cache.get(key);
            return variants == null ? Optional.empty() : variants.select(requestHeaders);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cache lookup failed", e);
            return Optional.empty();
        }
    }

    /** Stores {@code response} as the variant of {@code key} for its varied header values. */
    public void put(String key, StoredResponse response) {
        try {
            Variants existing = cache.get(key);
            cache.put(key, existing == null ? new Variants(List.of(response)) : existing.with(response));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cache store failed", e);
        }
    }

    /** Removes every variant of {@code key}. */
    public void invalidate(String key) {
        try {
            cache.remove(key);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cache invalidation failed", e);
        }
    }

    /** Removes every stored response. */
    public void clear() {
        cache.removeAll();
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the response cache failed", e);
        }
    }
}
