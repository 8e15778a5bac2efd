package io.portico.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a verified bearer token says, in MicroProfile JWT's terms.
 *
 * @param subject {@code sub}, else {@code upn}, else {@code preferred_username}; null when the token has none
 * @param groups the {@code groups} claim
 * @param scopes the space-separated {@code scope} claim (a list of strings is read too)
 */
public record TokenClaims(String subject, Set<String> groups, Set<String> scopes) {

    private static final String MALFORMED = "The token's groups or scope claim is malformed.";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public TokenClaims {
        groups = Set.copyOf(groups);
        scopes = Set.copyOf(scopes);
    }

    /** Reads the claims of a verified token. */
    static TokenClaims of(JWTClaimsSet claims) throws InvalidTokenException {
        try {
            String subject = firstOf(claims.getSubject(), claims.getStringClaim("upn"),
                    claims.getStringClaim("preferred_username"));
            return new TokenClaims(subject, strings(claims.getStringListClaim("groups")), scopes(claims));
        } catch (ParseException e) {
            throw new InvalidTokenException(MALFORMED);
        }
    }

    private static Set<String> scopes(JWTClaimsSet claims) throws ParseException, InvalidTokenException {
        if (claims.getClaim("scope") instanceof List<?>) {
            return strings(claims.getStringListClaim("scope"));
        }
        String text = claims.getStringClaim("scope");
        return text == null || text.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(WHITESPACE.split(text.strip())));
    }

    /** Returns the strings of a list claim; a JSON null among them makes the token malformed. */
    private static Set<String> strings(List<String> values) throws InvalidTokenException {
        if (values == null) {
            return Set.of();
        }
        if (values.contains(null)) {
            throw new InvalidTokenException(MALFORMED);
        }
        return Set.copyOf(values);
    }

    private static String firstOf(String... values) {
        return Arrays.stream(values).filter(value -> value != null).findFirst().orElse(null);
    }
}
