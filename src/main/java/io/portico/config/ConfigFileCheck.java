package io.portico.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reports a {@code portico.config.file} that names no readable file, which would otherwise go unnoticed. */
public final class ConfigFileCheck {

    private ConfigFileCheck() {
    }

    public static void check(ConfigReader reader) {
        String location = PropertiesFileSource.location();
        if (location != null && !Files.isReadable(Path.of(location))) {
            reader.reject(Keys.CONFIG_FILE.name(), "must name a readable properties file", location);
        }
    }
}
