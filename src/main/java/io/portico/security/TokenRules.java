package io.portico.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The claim rules of MicroProfile JWT that a signed token must also meet: not expired ({@code exp} is required),
 * already valid ({@code nbf}), from the configured issuer, for one of the configured audiences. Immutable.
 *
 * @param issuer the required {@code iss}, when configured ({@code mp.jwt.verify.issuer})
 * @param audiences the accepted {@code aud} values, any one of which the token must name; empty accepts any
 * @param clockSkew the leeway for {@code exp} and {@code nbf}
 */
public record TokenRules(Optional<String> issuer, Set<String> audiences, Duration clockSkew) {

    public TokenRules {
        audiences = Set.copyOf(audiences);
    }

    /** Checks {@code claims} at {@code now}. */
    void check(JWTClaimsSet claims, Instant now) throws InvalidTokenException {
        Date expiration = claims.getExpirationTime();
        if (expiration == null) {
            throw new InvalidTokenException("The token has no expiration time.");
        }
        checkExpiry(expiration.toInstant(), now);
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now.plus(clockSkew))) {
            throw new InvalidTokenException("The token is not valid yet.");
        }
        if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
            throw new InvalidTokenException("The token comes from an issuer this gateway does not trust.");
        }
        List<String> named = claims.getAudience();
        if (!audiences.isEmpty() && Collections.disjoint(audiences, named)) {
            throw new InvalidTokenException("The token is not meant for this gateway's audience.");
        }
    }

    /** Checks that a token expiring at {@code expiresAt} is still valid at {@code now}. */
    void checkExpiry(Instant expiresAt, Instant now) throws InvalidTokenException {
        if (!now.isBefore(expiresAt.plus(clockSkew))) {
            throw new InvalidTokenException("The token has expired.");
        }
    }
}
