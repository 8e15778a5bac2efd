package io.portico.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/** An RS256 key pair for unit tests: signs tokens, and gives its public half as PEM or as a verifier. */
final class SigningKey {

    static final SigningKey ISSUER = generate("issuer-key");
    static final SigningKey STRANGER = generate("stranger-key");

    private final RSAKey key;

    private SigningKey(RSAKey key) {
        this.key = key;
    }

    static SigningKey generate(String keyId) {
        try {
            return new SigningKey(new RSAKeyGenerator(2048).keyID(keyId).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the public key as PEM. */
    String publicPem() {
        try {
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    key.toPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the public key as a JWKS document. */
    String publicJwks() {
        return publicKeys().toString();
    }

    JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** Returns a verifier that trusts this key, under {@code rules}. */
    JwtVerifier verifier(TokenRules rules) {
        var keys = new JWSVerificationKeySelector<SecurityContext>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(publicKeys()));
        return new JwtVerifier(keys, rules, "a test key");
    }

    /** Returns claims for {@code subject} in {@code groups}, issued at {@code now} and valid for an hour. */
    static JWTClaimsSet.Builder claims(String subject, Instant now, String... groups) {
        return new JWTClaimsSet.Builder().subject(subject).issuer("https://issuer.test").audience("portico")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("groups", List.of(groups));
    }

    /** Signs the claims for {@code subject} at {@code now}, as {@code change} alters them. */
    String signed(String subject, Instant now, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(subject, now)).build());
    }

    String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
