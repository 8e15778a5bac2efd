package io.portico.quota;

import io.portico.config.Keys;
import io.portico.store.JCacheStores;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.ehcache.config.builders.ResourcePoolsBuilder;

/** Opens the quota store: a local Ehcache by default, or the server's clustered JCache. */
public final class QuotaStores {

    static final String CACHE_NAME = "portico-quota";

    private QuotaStores() {
    }

    /** Opens the store {@code config} asks for; {@code classLoader} is the application's. */
    public static QuotaStore open(QuotaConfig config, ClassLoader classLoader) {
        if (config.cluster()) {
            CacheManager server = JCacheStores.serverManager(Keys.QUOTA_STORE.name());
            return new JCacheQuotaStore(JCacheStores.clustered(server, CACHE_NAME, String.class, Long.class,
                    config.longestPeriod()), () -> { });
        }
        CacheManager manager = JCacheStores.localManager(classLoader);
        Cache<String, Long> cache = JCacheStores.local(manager, CACHE_NAME, String.class, Long.class,
                ResourcePoolsBuilder.heap(config.maxKeys()), config.longestPeriod());
        return new JCacheQuotaStore(cache, () -> manager.destroyCache(CACHE_NAME));
    }
}
