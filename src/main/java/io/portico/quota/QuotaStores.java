package io.portico.quota;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.spi.CachingProvider;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.jsr107.Eh107Configuration;

/** Opens the quota store: a local Ehcache by default, or the server's clustered JCache. */
public final class QuotaStores {

    /** Named explicitly: Payara also registers Hazelcast's JCache provider, so a default lookup is ambiguous. */
    static final String EHCACHE_PROVIDER = "org.ehcache.jsr107.EhcacheCachingProvider";
    static final String CACHE_NAME = "portico-quota";

    private QuotaStores() {
    }

    /**
     * Opens the store {@code config} asks for. {@code clusterManager} is the server's clustered cache manager,
     * null when the server has none; {@code classLoader} is the application's.
     *
     * @throws IllegalStateException when cluster mode is asked for and the server has no clustered JCache
     */
    public static QuotaStore open(QuotaConfig config, CacheManager clusterManager, ClassLoader classLoader) {
        Duration expiry = config.longestPeriod();
        if (config.cluster()) {
            if (clusterManager == null) {
                throw new IllegalStateException("portico.quota.store: cluster needs the server's clustered JCache "
                        + "(on Payara, a CacheManager backed by its data grid), and none is available");
            }
            return new JCacheQuotaStore(clusterCache(clusterManager, expiry), () -> { });
        }
        CachingProvider provider = Caching.getCachingProvider(EHCACHE_PROVIDER, classLoader);
        // Ehcache reads any other URI as the address of an XML configuration; the default one names none.
        CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), classLoader);
        Cache<String, Long> cache = manager.createCache(CACHE_NAME, Eh107Configuration.fromEhcacheCacheConfiguration(
                CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, Long.class,
                        ResourcePoolsBuilder.heap(config.maxKeys()))
                        .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(expiry))));
        return new JCacheQuotaStore(cache, manager);
    }

    /** Gets the shared cache, creating it if no member has yet; another member may win that race. */
    private static Cache<String, Long> clusterCache(CacheManager manager, Duration expiry) {
        Cache<String, Long> cache = manager.getCache(CACHE_NAME, String.class, Long.class);
        if (cache != null) {
            return cache;
        }
        MutableConfiguration<String, Long> configuration = new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, expiry.toMillis())));
        try {
            return manager.createCache(CACHE_NAME, configuration);
        } catch (CacheException createdByAnotherMember) {
            return manager.getCache(CACHE_NAME, String.class, Long.class);
        }
    }
}
