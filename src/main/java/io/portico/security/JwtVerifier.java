package io.portico.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies bearer tokens as MicroProfile JWT defines them: a JWS signed with the configured algorithm by one of the
 * configured keys, then the claim rules of {@link TokenRules}. Signatures and key sets are nimbus-jose-jwt's work;
 * a token verified once is remembered by {@link VerifiedTokens} for up to a minute (never past its expiry), so
 * that a client sending the same token again costs a map lookup instead of a signature check. Thread-safe.
 */
public final class JwtVerifier {

    private static final Logger LOG = Logger.getLogger(JwtVerifier.class.getName());
    /** While the issuer's key set cannot be read, one warning a minute, not one per request. */
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final TokenRules rules;
    private final VerifiedTokens verified;
    private final String keySource;
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

    /**
     * @param keys picks the verification key for a token's header, for the one accepted algorithm only
     * @param rules the claim rules
     * @param keySource where the keys come from, for log lines
     */
    public JwtVerifier(JWSKeySelector<SecurityContext> keys, TokenRules rules, String keySource) {
        processor.setJWSKeySelector(keys);
        // The claims are checked by TokenRules, against the same clock for fresh and remembered tokens.
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        this.rules = rules;
        this.verified = new VerifiedTokens();
        this.keySource = keySource;
    }

    /**
     * Returns the claims of {@code token} when it is valid at {@code now}.
     *
     * @throws InvalidTokenException with one sentence for the client when it is not
     */
    public TokenClaims verify(String token, Instant now) throws InvalidTokenException {
        VerifiedTokens.Entry remembered = verified.get(token, now);
        if (remembered != null) {
            rules.checkExpiry(remembered.expiresAt(), now);
            return remembered.claims();
        }
        JWTClaimsSet claims = verifySignature(token);
        rules.check(claims, now);
        TokenClaims result = TokenClaims.of(claims);
        verified.put(token, result, claims.getExpirationTime().toInstant(), now);
        return result;
    }

    private JWTClaimsSet verifySignature(String token) throws InvalidTokenException {
        try {
            return processor.process(token, null);
        } catch (KeySourceException e) {
            warnKeysUnreadable(e);
            throw new InvalidTokenException("The token's signing key could not be found.");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("The bearer token is not valid.");
        }
    }

    private void warnKeysUnreadable(KeySourceException failure) {
        long now = System.nanoTime();
        long due = nextWarning.get();
        if (now - due >= 0 && nextWarning.compareAndSet(due, now + WARNING_INTERVAL_NANOS)) {
            LOG.log(Level.WARNING, () -> "The token verification keys at " + keySource + " could not be read ("
                    + failure.getMessage() + "); tokens are refused until they can. Next warning in a minute at most.");
        }
    }
}
