package io.portico.cache;

import jakarta.servlet.ServletContext;

/** What operators may do to the response store through the admin API. */
public final class CachePurge {

    private CachePurge() {
    }

    /** Removes every stored response; returns false when no route caches. */
    public static boolean all(ServletContext context) {
        ResponseStore store = CacheRuntime.store(context);
        if (store == null) {
            return false;
        }
        store.clear();
        return true;
    }

    /** Removes the stored responses to one target; returns false when no route caches. */
    public static boolean one(ServletContext context, String routeId, String host, String rawTarget) {
        ResponseStore store = CacheRuntime.store(context);
        if (store == null) {
            return false;
        }
        store.invalidate(CacheKeys.of(routeId, host, rawTarget));
        return true;
    }
}
