package io.portico.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Settings backed by a map, keeping the contract of {@link MicroProfileSettings}: blank values are absent. */
public final class MapSettings implements Settings {

    private final Map<String, String> values;

    private MapSettings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Returns settings holding {@code keysAndValues}, given as key, value, key, value and so on. */
    public static MapSettings of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapSettings(values);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).map(String::strip).filter(value -> !value.isEmpty());
    }

    @Override
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String name : values.keySet()) {
            if (name.startsWith(Keys.PREFIX)) {
                names.add(name);
            }
        }
        return names;
    }
}
