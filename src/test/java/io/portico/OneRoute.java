package io.portico;

import io.portico.config.ConfigurationException;
import io.portico.config.MapSettings;
import java.util.ArrayList;
import java.util.List;

/** Loads a gateway whose only route, {@code a}, has a path and an upstream, plus the keys a test adds. */
public final class OneRoute {

    private OneRoute() {
    }

    /** Returns settings with route {@code a} and {@code keysAndValues} added. */
    public static MapSettings settings(String... keysAndValues) {
        List<String> all = new ArrayList<>(List.of("portico.route.a.path", "/a/**",
                "portico.route.a.upstream", "http://127.0.0.1:9"));
        all.addAll(List.of(keysAndValues));
        return MapSettings.of(all.toArray(String[]::new));
    }

    /** Loads the gateway; throws when the settings are invalid. */
    public static Gateway gateway(String... keysAndValues) {
        return Gateway.load(settings(keysAndValues));
    }

    /** Returns the problems that make the settings fail to load; none when they load. */
    public static List<String> problems(String... keysAndValues) {
        try {
            Gateway.load(settings(keysAndValues));
            return List.of();
        } catch (ConfigurationException e) {
            return e.problems();
        }
    }
}
