package io.portico.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Mints tokens for tests, good ones and each kind that a gateway must refuse. */
final class TestTokens {

    static final String ISSUER = "https://issuer.portico.test";
    static final String AUDIENCE = "portico";

    private final RSAKey key;

    private TestTokens(RSAKey key) {
        this.key = key;
    }

    /** Creates a fresh 2048-bit RSA signing key with key id {@code keyId}. */
    static TestTokens withNewKey(String keyId) {
        try {
            return new TestTokens(new RSAKeyGenerator(2048).keyID(keyId).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public key as PEM and returns a {@code file:} URL for mp.jwt.verify.publickey.location. */
    String writePublicPem(Path file) throws IOException, JOSEException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toPublicKey().getEncoded());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
        return file.toUri().toString();
    }

    /** Returns the public key as a JWKS document. */
    String publicJwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** Returns claims valid now for one hour, for {@code subject} in {@code groups}. */
    static JWTClaimsSet.Builder claims(String subject, String... groups) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .claim("upn", subject).claim("groups", List.of(groups)).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    /** Returns an RS256 token for {@code subject} in {@code groups}, changed by {@code change}. */
    String signed(String subject, UnaryOperator<JWTClaimsSet.Builder> change, String... groups) {
        return sign(change.apply(claims(subject, groups)).build());
    }

    String signed(String subject, String... groups) {
        return signed(subject, claims -> claims, groups);
    }

    private String sign(JWTClaimsSet claims) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the lower-case hex SHA-256 of an API key, as its consumer's configuration holds it. */
    static String sha256(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns an unsigned token with {@code alg: none}. */
    static String unsigned(String subject, String... groups) {
        return new PlainJWT(claims(subject, groups).build()).serialize();
    }

    /** Returns an HS256 token whose secret is this key's public key: the algorithm-confusion attack. */
    String hmacWithPublicKey(String subject, String... groups) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                    claims(subject, groups).build());
            jwt.sign(new MACSigner(key.toPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
