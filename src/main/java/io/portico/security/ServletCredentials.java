package io.portico.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads what a servlet request presents as credentials, for the access policy. */
public final class ServletCredentials {

    private static final String BEARER = "Bearer ";

    private ServletCredentials() {
    }

    /** Returns the credentials of {@code clientRequest}: a bearer token, an API key. */
    public static Credentials of(HttpServletRequest clientRequest, IdentityHeaders headers) {
        return new Credentials(single(clientRequest, "Authorization").flatMap(ServletCredentials::bearerToken),
                single(clientRequest, headers.apiKey()));
    }

    /**
     * Returns the one value of a header. Two are ambiguous: an empty value stands for them, which matches no
     * consumer and verifies as no token, so the request is refused as unauthenticated.
     */
    private static Optional<String> single(HttpServletRequest clientRequest, String name) {
        List<String> values = Collections.list(clientRequest.getHeaders(name));
        return values.size() > 1 ? Optional.of("") : values.stream().findFirst();
    }

    /** Returns the token of a {@code Bearer} authorization (RFC 6750: the scheme's case does not matter). */
    private static Optional<String> bearerToken(String authorization) {
        if (authorization.isEmpty()) {
            return Optional.of("");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).strip());
    }
}
