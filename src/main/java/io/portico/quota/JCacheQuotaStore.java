package io.portico.quota;

import javax.cache.Cache;

/** Budgets in a JCache cache, local (Ehcache) or clustered (the server's), through an entry processor. */
public final class JCacheQuotaStore implements QuotaStore {

    private final Cache<String, Long> cache;
    private final AutoCloseable owner;

    /** Uses {@code cache}; closes {@code owner} (a cache manager this store created, or nothing) on close. */
    public JCacheQuotaStore(Cache<String, Long> cache, AutoCloseable owner) {
        this.cache = cache;
        this.owner = owner;
    }

    @Override
    public QuotaDecision take(String key, QuotaLimit limit, long nowMicros) {
        return cache.invoke(key, new GcraProcessor(nowMicros, limit));
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the quota store failed", e);
        }
    }
}
