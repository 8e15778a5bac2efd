package io.portico.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Settings read through MicroProfile Config, so that system properties and environment variables override a
 * properties file in the order the specification defines.
 */
public final class MicroProfileSettings implements Settings {

    /** The ordinal MicroProfile Config gives environment variables. */
    private static final int ENVIRONMENT_ORDINAL = 300;

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

    @Override
    public boolean onlyInEnvironment(String name) {
        // The three names MicroProfile Config looks a key up under in the environment.
        String underscored = name.replaceAll("[^A-Za-z0-9]", "_");
        if (System.getenv(name) == null && System.getenv(underscored) == null
                && System.getenv(underscored.toUpperCase(Locale.ROOT)) == null) {
            return false;
        }
        for (ConfigSource source : config.getConfigSources()) {
            if (source.getOrdinal() != ENVIRONMENT_ORDINAL && source.getValue(name) != null) {
                return false;
            }
        }
        return true;
    }
}
