package io.portico.cache;

import io.portico.config.Keys;
import io.portico.store.JCacheStores;
import jakarta.servlet.ServletContext;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;

/** Opens the response store when the application deploys and closes it when it undeploys. */
public final class CacheRuntime {

    private static final Logger LOG = Logger.getLogger(CacheRuntime.class.getName());
    private static final String ATTRIBUTE = ResponseStore.class.getName();
    static final String CACHE_NAME = "portico-responses";

    /** Entries kept on the Java heap in front of the off-heap tier that holds the configured size. */
    private static final long HEAP_ENTRIES = 256;

    private CacheRuntime() {
    }

    /** Opens the store when some route caches, and shares it through {@code context}. */
    public static void start(CacheConfig config, ServletContext context) {
        if (config.routes().isEmpty()) {
            return;
        }
        context.setAttribute(ATTRIBUTE, open(config, context.getClassLoader()));
        LOG.info(() -> "Portico caches responses of " + config.routes().size() + " routes, store "
                + (config.cluster() ? "cluster" : "local, " + (config.maxBytes() >> 20) + " MiB"));
    }

    static ResponseStore open(CacheConfig config, ClassLoader classLoader) {
        if (config.cluster()) {
            CacheManager server = JCacheStores.serverManager(Keys.CACHE_STORE.name());
            return new ResponseStore(JCacheStores.clustered(server, CACHE_NAME, String.class, Variants.class,
                    config.retention()), () -> { });
        }
        CacheManager manager = JCacheStores.localManager(classLoader);
        Cache<String, Variants> cache = JCacheStores.local(manager, CACHE_NAME, String.class, Variants.class,
                ResourcePoolsBuilder.newResourcePoolsBuilder().heap(HEAP_ENTRIES, EntryUnit.ENTRIES)
                        .offheap(Math.max(1, config.maxBytes() >> 20), MemoryUnit.MB), config.retention());
        return new ResponseStore(cache, () -> manager.destroyCache(CACHE_NAME));
    }

    public static void stop(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof ResponseStore store) {
            store.close();
        }
    }

    static ResponseStore store(ServletContext context) {
        return (ResponseStore) context.getAttribute(ATTRIBUTE);
    }
}
