package io.portico.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a verified bearer token says, in MicroProfile JWT's terms.
 *
 * @param subject {@code sub}, else {@code upn}, else {@code preferred_username}; null when the token has none
 * @param groups the {@code groups} claim
 * @param scopes the space-separated {@code scope} claim (a list of strings is read too)
 */
public record TokenClaims(String subject, Set<String> groups, Set<String> scopes) {

    public TokenClaims {
        groups = Set.copyOf(groups);
        scopes = Set.copyOf(scopes);
    }

    /** Reads the claims of a verified token. */
    static TokenClaims of(JWTClaimsSet claims) throws InvalidTokenException {
        try {
            String subject = firstOf(claims.getSubject(), claims.getStringClaim("upn"),
                    claims.getStringClaim("preferred_username"));
            List<String> groups = claims.getStringListClaim("groups");
            return new TokenClaims(subject, groups == null ? Set.of() : Set.copyOf(groups), scopes(claims));
        } catch (ParseException | NullPointerException e) {
            throw new InvalidTokenException("The token's groups or scope claim is malformed.");
        }
    }

    private static Set<String> scopes(JWTClaimsSet claims) throws ParseException {
        if (claims.getClaim("scope") instanceof List<?>) {
            return Set.copyOf(claims.getStringListClaim("scope"));
        }
        String text = claims.getStringClaim("scope");
        return text == null || text.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(text.strip().split("\\s+")));
    }

    private static String firstOf(String... values) {
        return Arrays.stream(values).filter(value -> value != null).findFirst().orElse(null);
    }
}
