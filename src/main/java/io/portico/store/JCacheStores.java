package io.portico.store;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.jsr107.Eh107Configuration;

/**
 * Opens the JCache caches behind quotas and the response cache: a local Ehcache by default, or the server's
 * clustered JCache, so that several gateways share them.
 */
public final class JCacheStores {

    /** Named explicitly: Payara also registers Hazelcast's JCache provider, so a default lookup is ambiguous. */
    static final String EHCACHE_PROVIDER = "org.ehcache.jsr107.EhcacheCachingProvider";

    private JCacheStores() {
    }

    /** Returns the application's local Ehcache manager; Ehcache reads any URI but its default as an XML file. */
    public static CacheManager localManager(ClassLoader classLoader) {
        var provider = Caching.getCachingProvider(EHCACHE_PROVIDER, classLoader);
        return provider.getCacheManager(provider.getDefaultURI(), classLoader);
    }

    /** Creates a local cache bounded by {@code pools}, whose entries live {@code timeToLive} after each write. */
    public static <K, V> Cache<K, V> local(CacheManager manager, String name, Class<K> keyType, Class<V> valueType,
            ResourcePoolsBuilder pools, Duration timeToLive) {
        return manager.createCache(name, Eh107Configuration.fromEhcacheCacheConfiguration(
                CacheConfigurationBuilder.newCacheConfigurationBuilder(keyType, valueType, pools)
                        .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(timeToLive))));
    }

    /**
     * Gets the shared cache {@code name} from the server's clustered manager, creating it if no member has yet;
     * another member may win that race, and then its cache is taken.
     */
    public static <K, V> Cache<K, V> clustered(CacheManager manager, String name, Class<K> keyType,
            Class<V> valueType, Duration timeToLive) {
        Cache<K, V> cache = manager.getCache(name, keyType, valueType);
        if (cache != null) {
            return cache;
        }
        MutableConfiguration<K, V> configuration = new MutableConfiguration<K, V>()
                .setTypes(keyType, valueType)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, timeToLive.toMillis())));
        try {
            return manager.createCache(name, configuration);
        } catch (CacheException createdByAnotherMember) {
            return manager.getCache(name, keyType, valueType);
        }
    }

    /**
     * Returns the cache manager the server provides through CDI, clustered on Payara.
     *
     * @throws IllegalStateException naming {@code key} when the server offers none
     */
    public static CacheManager serverManager(String key) {
        String missing = key + ": cluster needs the server's clustered JCache (on Payara, a CacheManager backed by "
                + "its data grid), and none is available";
        Instance<CacheManager> managers;
        try {
            managers = CDI.current().select(CacheManager.class);
        } catch (IllegalStateException noContainer) {
            throw new IllegalStateException(missing, noContainer);
        }
        if (!managers.isResolvable()) {
            throw new IllegalStateException(missing);
        }
        return managers.get();
    }
}
