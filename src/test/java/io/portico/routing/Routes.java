package io.portico.routing;

import io.portico.config.ConfigReader;
import io.portico.config.ConfigurationException;
import io.portico.config.MapSettings;
import java.util.List;

/** Loads route tables from key and value pairs, the way deployment does. */
final class Routes {

    private Routes() {
    }

    /** Returns the table for {@code keysAndValues}, or throws the deployment's {@link ConfigurationException}. */
    static RouteTable load(String... keysAndValues) {
        ConfigReader reader = new ConfigReader(MapSettings.of(keysAndValues));
        RouteTable table = new RouteLoader(reader).load();
        reader.failIfInvalid();
        return table;
    }

    /** Returns the problems found in {@code keysAndValues}; none when they load. */
    static List<String> problems(String... keysAndValues) {
        try {
            load(keysAndValues);
            return List.of();
        } catch (ConfigurationException e) {
            return e.problems();
        }
    }
}
