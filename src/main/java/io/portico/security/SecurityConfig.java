package io.portico.security;

import java.util.Map;

/**
 * Everything security needs at request time, loaded once at deployment.
 *
 * @param rules each route's rules by route id; a route without an entry is open
 * @param policy the access policy
 * @param challenges the builder of {@code WWW-Authenticate} values
 * @param headers the credential and identity header names
 */
public record SecurityConfig(Map<String, RouteSecurity> rules, AccessPolicy policy, Challenges challenges,
        IdentityHeaders headers) {

    public SecurityConfig {
        rules = Map.copyOf(rules);
    }

    /** Returns the ids of the routes that require credentials. */
    public java.util.Set<String> authenticatedRoutes() {
        return rules.entrySet().stream().filter(entry -> !entry.getValue().open()).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public RouteSecurity rulesFor(String routeId) {
        return rules.getOrDefault(routeId, RouteSecurity.OPEN);
    }
}
