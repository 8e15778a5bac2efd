package io.portico.security;

import jakarta.json.JsonNumber;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads what a servlet request presents as credentials, for the access policy. */
public final class ServletCredentials {

    private ServletCredentials() {
    }

    /** Returns the credentials of {@code clientRequest}: a token the server verified, an API key. */
    public static Credentials of(HttpServletRequest clientRequest, IdentityHeaders headers) {
        Optional<TokenClaims> token = clientRequest.getUserPrincipal() instanceof JsonWebToken jwt
                ? Optional.of(claims(jwt)) : Optional.empty();
        List<String> keys = Collections.list(clientRequest.getHeaders(headers.apiKey()));
        // Two keys are ambiguous; an empty key matches no consumer, so the request is refused as unauthenticated.
        Optional<String> key = keys.size() > 1 ? Optional.of("") : keys.stream().findFirst();
        return new Credentials(token, key);
    }

    private static TokenClaims claims(JsonWebToken jwt) {
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        Set<String> groups = jwt.getGroups() == null ? Set.of() : new HashSet<>(jwt.getGroups());
        return new TokenClaims(subject, groups, scopes(jwt.getClaim("scope")), instant(jwt.getClaim("nbf")));
    }

    private static Set<String> scopes(Object claim) {
        String text = claim == null ? "" : claim.toString().replace("\"", "").strip();
        return text.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(text.split("\\s+")));
    }

    /** Reads a NumericDate claim, which servers hand out as a Long or a JSON number. */
    private static Optional<Instant> instant(Object claim) {
        if (claim instanceof Number seconds) {
            return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
        }
        if (claim instanceof JsonNumber seconds) {
            return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
        }
        return Optional.empty();
    }
}
