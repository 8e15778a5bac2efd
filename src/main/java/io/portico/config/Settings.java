package io.portico.config;

import java.util.Optional;
import java.util.Set;

/** Read-only view of configuration values, so that policies load without a MicroProfile Config runtime. */
public interface Settings {

    /** Returns the value of {@code key}, empty when absent or blank. */
    Optional<String> get(String key);

    /** Returns the names of all keys that start with {@link Keys#PREFIX}. */
    Set<String> names();

    /**
     * Whether {@code name} comes from an environment variable and from no other source. The environment holds
     * whatever a shell exports (a script's own {@code PORTICO_PORT}, say), so an unknown key found only there is
     * not a configuration error.
     */
    default boolean onlyInEnvironment(String name) {
        return false;
    }
}
