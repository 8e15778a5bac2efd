package io.portico.security;

import java.util.Set;

/**
 * Who a request comes from, once proven; what the upstream is told and what quotas count by.
 *
 * @param subject the token's subject, or the consumer name for an API key
 * @param consumer the consumer name, or the token's subject
 * @param roles the token's groups or the consumer's roles
 * @param scopes the token's scopes; none for an API key
 * @param method how the client proved it
 */
public record Identity(String subject, String consumer, Set<String> roles, Set<String> scopes, AuthMethod method) {

    public Identity {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }
}
