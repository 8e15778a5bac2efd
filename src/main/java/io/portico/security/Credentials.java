package io.portico.security;

import java.util.Optional;

/**
 * What a client presented: a token the server verified, and an API key, either or both absent.
 *
 * @param token the claims of a verified bearer token
 * @param apiKey the value of the API key header
 */
public record Credentials(Optional<TokenClaims> token, Optional<String> apiKey) {

    public static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty());
}
