package io.portico.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A MicroProfile Config source for the properties file named by {@code portico.config.file} (a system property
 * or the environment variable {@code PORTICO_CONFIG_FILE}). Its ordinal, 150, puts it above an application's
 * {@code microprofile-config.properties} and below environment variables (300) and system properties (400), so
 * either overrides a key of the file. Registered through {@code META-INF/services}, which every MicroProfile
 * Config implementation reads. An unreadable file yields no values; {@link ConfigFileCheck} reports it.
 */
public final class PropertiesFileSource implements ConfigSource {

    public static final int ORDINAL = 150;

    private final Map<String, String> properties;

    public PropertiesFileSource() {
        this.properties = load(location());
    }

    /** Returns the configured file location, or null when none is set. */
    static String location() {
        String location = System.getProperty(Keys.CONFIG_FILE.name());
        return location != null ? location : System.getenv("PORTICO_CONFIG_FILE");
    }

    private static Map<String, String> load(String location) {
        Map<String, String> values = new HashMap<>();
        if (location == null || location.isBlank()) {
            return values;
        }
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(location), StandardCharsets.UTF_8)) {
            file.load(reader);
        } catch (IOException | RuntimeException e) {
            return values;
        }
        file.stringPropertyNames().forEach(name -> values.put(name, file.getProperty(name)));
        return Map.copyOf(values);
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "portico.config.file";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
