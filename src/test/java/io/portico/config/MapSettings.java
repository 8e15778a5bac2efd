package io.portico.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Settings backed by a map, keeping the contract of {@link MicroProfileSettings}: blank values are absent. */
public final class MapSettings implements Settings {

    private final Map<String, String> values;
    private final Set<String> fromEnvironment;

    private MapSettings(Map<String, String> values, Set<String> fromEnvironment) {
        this.values = Map.copyOf(values);
        this.fromEnvironment = Set.copyOf(fromEnvironment);
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
        return new MapSettings(values, Set.of());
    }

    /** Returns these settings with {@code name} set to {@code value} by an environment variable alone. */
    public MapSettings withEnvironment(String name, String value) {
        Map<String, String> more = new HashMap<>(values);
        more.put(name, value);
        Set<String> environment = new TreeSet<>(fromEnvironment);
        environment.add(name);
        return new MapSettings(more, environment);
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

    @Override
    public boolean onlyInEnvironment(String name) {
        return fromEnvironment.contains(name);
    }
}
