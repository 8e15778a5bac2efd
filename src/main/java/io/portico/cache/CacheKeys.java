package io.portico.cache;

import java.util.Locale;

/** Names stored responses: route, host and target, so that routes and virtual hosts never share entries. */
public final class CacheKeys {

    private CacheKeys() {
    }

    /** Returns the key of the responses to {@code rawTarget} (path and query as sent) on {@code host}. */
    public static String of(String routeId, String host, String rawTarget) {
        return routeId + ' ' + host.toLowerCase(Locale.ROOT) + ' ' + rawTarget;
    }
}
