package io.portico.config;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * Settings read through MicroProfile Config, so that system properties and environment variables override a
 * properties file in the order the specification defines.
 */
public final class MicroProfileSettings implements Settings {

    private final Config config;

    public MicroProfileSettings(Config config) {
        this.config = config;
    }

    @Override
    public Optional<String> get(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    @Override
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(Keys.PREFIX)) {
                names.add(name);
            }
        }
        return names;
    }
}
