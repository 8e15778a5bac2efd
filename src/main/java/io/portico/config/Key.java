package io.portico.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configuration key with its default and meaning, as documented in {@code docs/configuration.md}.
 *
 * @param name the key; {@code <id>} stands for a route id and other placeholders such as {@code <Name>} for a free
 *     name
 * @param defaultValue the value used when the key is absent, or {@code null} when the key is required or optional
 * @param description one sentence for the configuration reference
 */
public record Key(String name, String defaultValue, String description) {

    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z]+)>");

    /** Returns this key for one route, replacing {@code <id>} with the route id. */
    public String forRoute(String routeId) {
        return name.replace("<id>", routeId);
    }

    /** Returns this key for one named item, such as a consumer: replaces the first placeholder. */
    public String forName(String itemName) {
        return PLACEHOLDER.matcher(name).replaceFirst(Matcher.quoteReplacement(itemName));
    }

    /**
     * Returns whether {@code candidate} is this key with something in place of each placeholder: a route id has
     * no dot, a free name may have any. Called at deployment only.
     */
    public boolean matches(String candidate) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(name);
        int end = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(name.substring(end, placeholder.start())));
            regex.append(placeholder.group(1).equals("id") ? "[^.]+" : ".+");
            end = placeholder.end();
        }
        regex.append(Pattern.quote(name.substring(end)));
        return candidate.matches(regex.toString());
    }
}
