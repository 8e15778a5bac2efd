package io.portico.security;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a request may use a route: who the client is (authentication), then whether it may
 * (authorization). Free of servlet types. Immutable and thread-safe.
 */
public final class AccessPolicy {

    private final ApiKeys apiKeys;
    private final Optional<JwtVerifier> tokens;

    /**
     * @param apiKeys the consumers' API keys
     * @param tokens the bearer token verifier; without one, every token is refused
     */
    public AccessPolicy(ApiKeys apiKeys, Optional<JwtVerifier> tokens) {
        this.apiKeys = apiKeys;
        this.tokens = tokens;
    }

    /** Returns the decision for a request on a route with rules {@code route}, presenting {@code credentials}. */
    public AccessDecision decide(RouteSecurity route, Credentials credentials, Instant now) {
        if (route.open()) {
            return new AccessDecision.Granted(Optional.empty());
        }
        AccessDecision authentication = authenticate(route, credentials, now);
        if (authentication instanceof AccessDecision.Granted granted) {
            return authorize(route, granted.identity().orElseThrow());
        }
        return authentication;
    }

    private AccessDecision authenticate(RouteSecurity route, Credentials credentials, Instant now) {
        if (route.accepts(AuthMethod.JWT) && credentials.token().isPresent()) {
            return fromToken(credentials.token().get(), now);
        }
        if (route.accepts(AuthMethod.API_KEY) && credentials.apiKey().isPresent()) {
            return fromApiKey(credentials.apiKey().get());
        }
        return new AccessDecision.Unauthenticated(null, "This route needs credentials.");
    }

    private AccessDecision fromToken(String bearerToken, Instant now) {
        TokenClaims token;
        try {
            token = tokens.orElseThrow(() -> new InvalidTokenException("This gateway verifies no tokens."))
                    .verify(bearerToken, now);
        } catch (InvalidTokenException e) {
            return new AccessDecision.Unauthenticated(Challenges.INVALID_TOKEN, e.getMessage());
        }
        boolean unsafe = hasControlCharacters(token.subject())
                || token.groups().stream().anyMatch(AccessPolicy::hasControlCharacters);
        if (unsafe) {
            return new AccessDecision.Unauthenticated(Challenges.INVALID_TOKEN, "The token's subject or groups "
                    + "hold control characters.");
        }
        return granted(new Identity(token.subject(), token.subject(), token.groups(), token.scopes(),
                AuthMethod.JWT));
    }

    private AccessDecision fromApiKey(String key) {
        Optional<Consumer> consumer = apiKeys.find(key);
        if (consumer.isEmpty()) {
            return new AccessDecision.Unauthenticated(Challenges.INVALID_KEY, "The API key is not valid.");
        }
        return granted(new Identity(consumer.get().name(), consumer.get().name(), consumer.get().roles(), Set.of(),
                AuthMethod.API_KEY));
    }

    private static AccessDecision authorize(RouteSecurity route, Identity identity) {
        if (!route.roles().isEmpty() && Collections.disjoint(route.roles(), identity.roles())) {
            return new AccessDecision.Forbidden(false, "The client lacks a role this route requires.");
        }
        if (!identity.scopes().containsAll(route.scopes())) {
            return new AccessDecision.Forbidden(true, "The token lacks a scope this route requires.");
        }
        return granted(identity);
    }

    /** Such a subject or group could not travel in a header to the upstream, or could split one. */
    private static boolean hasControlCharacters(String text) {
        return text == null || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static AccessDecision granted(Identity identity) {
        return new AccessDecision.Granted(Optional.of(identity));
    }
}
