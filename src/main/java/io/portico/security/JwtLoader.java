package io.portico.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.portico.config.ConfigReader;
import io.portico.config.Keys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link JwtVerifier} from the MicroProfile JWT keys at deployment: the verification key inline
 * ({@code mp.jwt.verify.publickey}) or at a location (a {@code file:} URL, a class path resource, or an
 * {@code http(s):} JWKS URL read and cached by nimbus-jose-jwt), the algorithm, issuer, audiences and clock skew.
 * A key that cannot be read or parsed fails the deployment; a remote JWKS is read at the first token.
 */
final class JwtLoader {

    /** MicroProfile JWT keys Portico does not implement; set, they would promise a check that never happens. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "mp.jwt.decrypt.key.location", "encrypted tokens (JWE) are not supported",
            "mp.jwt.verify.token.age", "is not supported: limit the token's lifetime with exp",
            "mp.jwt.token.cookie", "is not supported: tokens come in the Authorization header");
    private static final String TOKEN_HEADER = "mp.jwt.token.header";

    /** How long a remote key set is used before it is read again, and how long a read may take. */
    private static final Duration JWKS_TIME_TO_LIVE = Duration.ofMinutes(5);
    private static final int JWKS_TIMEOUT_MILLIS = 2000;
    /** How long a request waits for a key set being read by another request before reading it itself. */
    private static final Duration JWKS_REFRESH_TIMEOUT = Duration.ofSeconds(15);
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;
    /**
     * A token signed by a key the cached set lacks makes nimbus read the set again, at most twice in this interval:
     * rotated keys are followed within seconds, and clients inventing key ids cannot flood the issuer.
     */
    private static final Duration JWKS_REFRESH_INTERVAL = Duration.ofSeconds(10);

    private final ConfigReader reader;

    JwtLoader(ConfigReader reader) {
        this.reader = reader;
    }

    /** Returns the verifier, or empty when no verification key is configured. */
    Optional<JwtVerifier> load() {
        UNSUPPORTED.forEach((key, rule) -> reader.optional(key).ifPresent(value -> reader.reject(key, rule, value)));
        reader.optional(TOKEN_HEADER).filter(header -> !header.equalsIgnoreCase("Authorization"))
                .ifPresent(header -> reader.reject(TOKEN_HEADER, "must be Authorization (cookies are not supported)",
                        header));
        JWSAlgorithm algorithm = JWSAlgorithm.parse(reader.choice(Keys.JWT_ALGORITHM.name(),
                Keys.JWT_ALGORITHM.defaultValue(), "RS256", "ES256"));
        TokenRules rules = new TokenRules(reader.optional(Keys.JWT_ISSUER.name()),
                new LinkedHashSet<>(reader.list(Keys.JWT_AUDIENCES.name(), "")),
                Duration.ofSeconds(reader.nonNegativeInt(Keys.CLOCK_SKEW.name(), Keys.CLOCK_SKEW.defaultValue())));

        Optional<String> inline = reader.optional(Keys.JWT_PUBLIC_KEY.name());
        Optional<String> location = reader.optional(Keys.JWT_PUBLIC_KEY_LOCATION.name());
        if (inline.isPresent()) {
            return fixedKeys(Keys.JWT_PUBLIC_KEY.name(), inline.get(), inline.get(), algorithm)
                    .map(keys -> new JwtVerifier(keys, rules, Keys.JWT_PUBLIC_KEY.name()));
        }
        if (location.isEmpty()) {
            return Optional.empty();
        }
        String where = location.get();
        Optional<JWSKeySelector<SecurityContext>> keys = isRemote(where) ? remoteKeys(where, algorithm)
                : read(where).flatMap(text -> fixedKeys(Keys.JWT_PUBLIC_KEY_LOCATION.name(), where, text, algorithm));
        return keys.map(selector -> new JwtVerifier(selector, rules, where));
    }

    private static boolean isRemote(String location) {
        return location.startsWith("https://") || location.startsWith("http://");
    }

    private Optional<JWSKeySelector<SecurityContext>> remoteKeys(String location, JWSAlgorithm algorithm) {
        try {
            URL url = URI.create(location).toURL();
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(url,
                            new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT))
                    .cache(JWKS_TIME_TO_LIVE.toMillis(), JWKS_REFRESH_TIMEOUT.toMillis())
                    .rateLimited(JWKS_REFRESH_INTERVAL.toMillis())
                    .build();
            return Optional.of(new JWSVerificationKeySelector<>(algorithm, keys));
        } catch (IllegalArgumentException | IOException e) {
            reader.reject(Keys.JWT_PUBLIC_KEY_LOCATION.name(), "must be a valid URL", location);
            return Optional.empty();
        }
    }

    /** Reads a {@code file:} URL or a class path resource; a bare file path is refused, as MicroProfile JWT reads it
     * as a resource. */
    private Optional<String> read(String location) {
        String key = Keys.JWT_PUBLIC_KEY_LOCATION.name();
        if (location.startsWith("/") && Files.exists(Path.of(location))) {
            reader.reject(key, "must be a URL such as file://" + location
                    + " (a bare file path is read as a class path resource)", location);
            return Optional.empty();
        }
        try {
            if (location.startsWith("file:")) {
                return Optional.of(Files.readString(Path.of(URI.create(location)), StandardCharsets.UTF_8));
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                if (in != null) {
                    return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            reader.reject(key, "must name a file: URL, an http(s): JWKS URL or a class path resource that exists",
                    location);
        } catch (IOException | IllegalArgumentException e) {
            reader.reject(key, "must be readable (" + e.getClass().getSimpleName() + ")", location);
        }
        return Optional.empty();
    }

    /**
     * Returns the selector for keys given as text: a PEM key verifies every token, whatever key id its header
     * names (as in MicroProfile JWT); the keys of a JWK set are matched by key id.
     */
    private Optional<JWSKeySelector<SecurityContext>> fixedKeys(String key, String shown, String text,
            JWSAlgorithm algorithm) {
        try {
            if (text.strip().startsWith("{")) {
                return Optional.of(new JWSVerificationKeySelector<>(algorithm, new ImmutableJWKSet<>(
                        parseJwks(text))));
            }
            return Optional.of(new SingleKeyJWSKeySelector<>(algorithm, parsePem(text, algorithm)));
        } catch (GeneralSecurityException | ParseException | IllegalArgumentException | ClassCastException e) {
            reader.reject(key, "must hold a " + algorithm + " public key as PEM, a JWK or a JWKS",
                    shown.length() > 80 ? shown.substring(0, 80) + "..." : shown);
            return Optional.empty();
        }
    }

    /** Parses a JWKS or a single JWK into a set of public keys. */
    private static JWKSet parseJwks(String text) throws ParseException {
        String trimmed = text.strip();
        JWKSet keys = trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed) : new JWKSet(JWK.parse(trimmed));
        return keys.toPublicJWKSet();
    }

    /** Parses a PEM public key (X.509 SubjectPublicKeyInfo) or a PEM certificate. */
    private static PublicKey parsePem(String text, JWSAlgorithm algorithm) throws GeneralSecurityException {
        String trimmed = text.strip();
        byte[] der = Base64.getMimeDecoder().decode(trimmed.replaceAll("-----[A-Z ]+-----", ""));
        if (trimmed.contains("BEGIN CERTIFICATE")) {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der))
                    .getPublicKey();
        }
        String family = JWSAlgorithm.Family.EC.contains(algorithm) ? "EC" : "RSA";
        return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
    }
}
