package io.portico.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final TokenRules RULES = new TokenRules(Optional.of("https://issuer.test"),
            Set.of("portico", "reports"), SKEW);

    private final JwtVerifier verifier = SigningKey.ISSUER.verifier(RULES);

    @Test
    void validTokenGivesItsSubjectGroupsAndScopes() throws Exception {
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims
                .claim("groups", List.of("admin", "staff"))
                .claim("scope", " orders:read  profile orders:read "));

        TokenClaims claims = verifier.verify(token, NOW);

        assertThat(claims).isEqualTo(new TokenClaims("alice", Set.of("admin", "staff"),
                Set.of("orders:read", "profile")));
    }

    @Test
    void subjectFallsBackToUpnThenPreferredUsername() throws Exception {
        String upn = SigningKey.ISSUER.signed(null, NOW, claims -> claims.claim("upn", "alice@example.test")
                .claim("preferred_username", "alice"));
        String preferred = SigningKey.ISSUER.signed(null, NOW, claims -> claims.claim("preferred_username", "bob"));

        assertThat(verifier.verify(upn, NOW).subject()).isEqualTo("alice@example.test");
        assertThat(verifier.verify(preferred, NOW).subject()).isEqualTo("bob");
    }

    @Test
    void scopeGivenAsAListIsRead() throws Exception {
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.claim("scope", List.of("a", "b")));

        assertThat(verifier.verify(token, NOW).scopes()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() {
        assertInvalid(SigningKey.STRANGER.signed("alice", NOW, claims -> claims), "The bearer token is not valid.");
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        String token = new PlainJWT(SigningKey.claims("alice", NOW).issuer("https://issuer.test").build()).serialize();

        assertInvalid(token, "The bearer token is not valid.");
    }

    @Test
    void hs256TokenSignedWithThePublicKeyIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), SigningKey.claims("alice", NOW).build());
        jwt.sign(new MACSigner(SigningKey.ISSUER.publicPem().getBytes()));

        assertInvalid(jwt.serialize(), "The bearer token is not valid.");
    }

    @Test
    void garbageIsRefused() {
        assertInvalid("!!!.@@@.###", "The bearer token is not valid.");
        assertInvalid("", "The bearer token is not valid.");
    }

    @Test
    void tokenExpiredBeyondTheClockSkewIsRefused() {
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.expirationTime(at(-31)));

        assertInvalid(token, "The token has expired.");
    }

    @Test
    void tokenExpiredWithinTheClockSkewPasses() throws Exception {
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.expirationTime(at(-29)));

        assertThat(verifier.verify(token, NOW).subject()).isEqualTo("alice");
    }

    @Test
    void tokenWithoutExpirationIsRefused() {
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.expirationTime(null));

        assertInvalid(token, "The token has no expiration time.");
    }

    @Test
    void tokenNotValidBeforeBeyondTheClockSkewIsRefused() {
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.notBeforeTime(at(31)));

        assertInvalid(token, "The token is not valid yet.");
    }

    @Test
    void tokenNotValidBeforeAMomentWithinTheClockSkewPasses() throws Exception {
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.notBeforeTime(at(30)));

        assertThat(verifier.verify(token, NOW).subject()).isEqualTo("alice");
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.issuer("https://elsewhere.test"));

        assertInvalid(token, "The token comes from an issuer this gateway does not trust.");
    }

    @Test
    void tokenNamingAnyOneConfiguredAudiencePasses() throws Exception {
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.audience(List.of("x", "reports")));

        assertThat(verifier.verify(token, NOW).subject()).isEqualTo("alice");
    }

    @Test
    void tokenForAnotherAudienceOrNoneIsRefused() {
        String other = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.audience("someone-else"));
        String none = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.audience((String) null));

        assertInvalid(other, "The token is not meant for this gateway's audience.");
        assertInvalid(none, "The token is not meant for this gateway's audience.");
    }

    @Test
    void groupsHoldingANullAreRefused() {
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.claim("groups",
                java.util.Arrays.asList("admin", null)));

        assertInvalid(token, "The token's groups or scope claim is malformed.");
    }

    @Test
    void groupsThatAreNoListOfStringsAreRefused() {
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.claim("groups", 42));

        assertInvalid(token, "The token's groups or scope claim is malformed.");
    }

    @Test
    void verifiedTokenIsRememberedForAMinuteThenVerifiedAgain() throws Exception {
        AtomicInteger keyLookups = new AtomicInteger();
        JwtVerifier counting = countingVerifier(keyLookups);
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims);

        counting.verify(token, NOW);
        counting.verify(token, NOW.plusSeconds(59));
        int withinTheMinute = keyLookups.get();
        counting.verify(token, NOW.plus(VerifiedTokens.RECHECK_AFTER));

        assertThat(withinTheMinute).isEqualTo(1);
        assertThat(keyLookups.get()).isEqualTo(2);
    }

    @Test
    void rememberedTokenIsRefusedOnceExpired() throws Exception {
        AtomicInteger keyLookups = new AtomicInteger();
        JwtVerifier counting = countingVerifier(keyLookups);
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.expirationTime(at(10)));
        counting.verify(token, NOW);

        assertThatThrownBy(() -> counting.verify(token, NOW.plusSeconds(10).plus(SKEW)))
                .isInstanceOf(InvalidTokenException.class).hasMessage("The token has expired.");
        assertThat(keyLookups.get()).isEqualTo(1);
    }

    @Test
    void refusedTokenIsNotRemembered() {
        AtomicInteger keyLookups = new AtomicInteger();
        JwtVerifier counting = countingVerifier(keyLookups);
        String token = SigningKey.ISSUER.signed("alice", NOW, claims -> claims.issuer("https://elsewhere.test"));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> counting.verify(token, NOW)).isInstanceOf(InvalidTokenException.class);
        }

        assertThat(keyLookups.get()).isEqualTo(2);
    }

    private static JwtVerifier countingVerifier(AtomicInteger keyLookups) {
        JWKSet keys = SigningKey.ISSUER.publicKeys();
        JWKSource<SecurityContext> source = (selector, context) -> {
            keyLookups.incrementAndGet();
            return selector.select(keys);
        };
        return new JwtVerifier(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source), RULES,
                "a counting test key");
    }

    private void assertInvalid(String token, String detail) {
        assertThatThrownBy(() -> verifier.verify(token, NOW)).isInstanceOf(InvalidTokenException.class)
                .hasMessage(detail);
    }

    private static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }
}
