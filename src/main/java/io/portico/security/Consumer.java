package io.portico.security;

import java.util.Set;

/**
 * A client application known by its API keys, as in Kong and Tyk.
 *
 * @param name the consumer name, the {@code <name>} of its configuration keys
 * @param roles the consumer's roles
 */
public record Consumer(String name, Set<String> roles) {

    public Consumer {
        roles = Set.copyOf(roles);
    }
}
