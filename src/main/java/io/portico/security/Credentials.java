package io.portico.security;

import java.util.Optional;

/**
 * What a client presented: a bearer token, not yet verified, and an API key, either or both absent.
 *
 * @param token the bearer token of the {@code Authorization} header, as it came
 * @param apiKey the value of the API key header
 */
public record Credentials(Optional<String> token, Optional<String> apiKey) {

    public static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty());
}
