package io.portico.config;

/**
 * One configuration key with its default and meaning, as documented in {@code docs/configuration.md}.
 *
 * @param name the key; {@code <id>} stands for a route id and {@code <Name>} for a free name
 * @param defaultValue the value used when the key is absent, or {@code null} when the key is required or optional
 * @param description one sentence for the configuration reference
 */
public record Key(String name, String defaultValue, String description) {

    /** Returns this key for one route, replacing {@code <id>} with the route id. */
    public String forRoute(String routeId) {
        return name.replace("<id>", routeId);
    }
}
