package io.portico.security;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a verified bearer token says, read from the server's {@code JsonWebToken} by {@link SecurityFilter}.
 *
 * @param subject the token's subject
 * @param groups the {@code groups} claim
 * @param scopes the space-separated {@code scope} claim
 * @param notBefore the {@code nbf} claim, when present
 */
public record TokenClaims(String subject, Set<String> groups, Set<String> scopes, Optional<Instant> notBefore) {

    public TokenClaims {
        groups = Set.copyOf(groups);
        scopes = Set.copyOf(scopes);
    }
}
