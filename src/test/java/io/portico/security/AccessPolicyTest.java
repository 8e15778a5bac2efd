package io.portico.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final String BILLING_KEY = "k3y-of-the-billing-service";

    private static final RouteSecurity JWT = rules(Set.of(AuthMethod.JWT), Set.of(), Set.of());
    private static final RouteSecurity API_KEY = rules(Set.of(AuthMethod.API_KEY), Set.of(), Set.of());
    private static final RouteSecurity EITHER = rules(Set.of(AuthMethod.JWT, AuthMethod.API_KEY), Set.of(), Set.of());

    private final AccessPolicy policy = new AccessPolicy(
            new ApiKeys(Map.of(ApiKeys.sha256(BILLING_KEY), new Consumer("billing", Set.of("invoices", "reports")))),
            Optional.of(SigningKey.ISSUER.verifier(new TokenRules(Optional.empty(), Set.of(), SKEW))));

    @Test
    void openRouteGrantsWithoutIdentity() {
        AccessDecision decision = policy.decide(RouteSecurity.OPEN, Credentials.NONE, NOW);

        assertThat(decision).isEqualTo(new AccessDecision.Granted(Optional.empty()));
    }

    @Test
    void openRouteIgnoresAnUnknownApiKey() {
        AccessDecision decision = policy.decide(RouteSecurity.OPEN, apiKey("not-a-key"), NOW);

        assertThat(decision).isEqualTo(new AccessDecision.Granted(Optional.empty()));
    }

    @Test
    void verifiedTokenGrantsItsSubjectGroupsAndScopes() {
        String claims = signed("alice", Set.of("admin", "staff"), Set.of("orders:read"));

        AccessDecision decision = policy.decide(JWT, token(claims), NOW);

        assertThat(decision).isEqualTo(granted(new Identity("alice", "alice", Set.of("admin", "staff"),
                Set.of("orders:read"), AuthMethod.JWT)));
    }

    @Test
    void missingCredentialsAreUnauthenticatedWithoutAnErrorCode() {
        AccessDecision decision = policy.decide(EITHER, Credentials.NONE, NOW);

        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Unauthenticated.class,
                refused -> assertThat(refused.error()).isNull());
    }

    @Test
    void knownApiKeyGrantsItsConsumerAndRolesWithoutScopes() {
        AccessDecision decision = policy.decide(API_KEY, apiKey(BILLING_KEY), NOW);

        assertThat(decision).isEqualTo(granted(new Identity("billing", "billing", Set.of("invoices", "reports"),
                Set.of(), AuthMethod.API_KEY)));
    }

    @Test
    void unknownApiKeyIsAnInvalidKey() {
        AccessDecision decision = policy.decide(API_KEY, apiKey(BILLING_KEY + "x"), NOW);

        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Unauthenticated.class,
                refused -> assertThat(refused.error()).isEqualTo(Challenges.INVALID_KEY));
    }

    @Test
    void tokenOnAnApiKeyOnlyRouteDoesNotCount() {
        Credentials credentials = token(signed("alice", Set.of(), Set.of()));

        AccessDecision decision = policy.decide(API_KEY, credentials, NOW);

        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Unauthenticated.class,
                refused -> assertThat(refused.error()).isNull());
    }

    @Test
    void apiKeyOnAJwtOnlyRouteDoesNotCount() {
        AccessDecision decision = policy.decide(JWT, apiKey(BILLING_KEY), NOW);

        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Unauthenticated.class,
                refused -> assertThat(refused.error()).isNull());
    }

    @Test
    void routeTakingEitherMethodAcceptsAToken() {
        Credentials credentials = token(signed("alice", Set.of(), Set.of()));

        AccessDecision decision = policy.decide(EITHER, credentials, NOW);

        assertThat(decision).isEqualTo(granted(new Identity("alice", "alice", Set.of(), Set.of(), AuthMethod.JWT)));
    }

    @Test
    void routeTakingEitherMethodAcceptsAnApiKey() {
        AccessDecision decision = policy.decide(EITHER, apiKey(BILLING_KEY), NOW);

        assertThat(decision).isEqualTo(granted(new Identity("billing", "billing", Set.of("invoices", "reports"),
                Set.of(), AuthMethod.API_KEY)));
    }

    @Test
    void routeTakingEitherMethodPrefersTheTokenWhenBothCome() {
        Credentials both = new Credentials(
                Optional.of(signed("alice", Set.of(), Set.of())), Optional.of(BILLING_KEY));

        AccessDecision decision = policy.decide(EITHER, both, NOW);

        assertThat(decision).isEqualTo(granted(new Identity("alice", "alice", Set.of(), Set.of(), AuthMethod.JWT)));
    }

    @Test
    void clientHoldingAnyOneRequiredRoleIsGranted() {
        RouteSecurity route = rules(Set.of(AuthMethod.API_KEY), Set.of("reports", "admin"), Set.of());

        AccessDecision decision = policy.decide(route, apiKey(BILLING_KEY), NOW);

        assertThat(decision).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void clientHoldingNoneOfTheRequiredRolesIsForbiddenForARole() {
        RouteSecurity route = rules(Set.of(AuthMethod.API_KEY), Set.of("admin", "auditor"), Set.of());

        AccessDecision decision = policy.decide(route, apiKey(BILLING_KEY), NOW);

        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Forbidden.class,
                forbidden -> assertThat(forbidden.insufficientScope()).isFalse());
    }

    @Test
    void tokenHoldingEveryRequiredScopeIsGranted() {
        RouteSecurity route = rules(Set.of(AuthMethod.JWT), Set.of(), Set.of("orders:read", "orders:write"));
        String claims = signed("alice", Set.of(), Set.of("orders:read", "orders:write", "profile"));

        AccessDecision decision = policy.decide(route, token(claims), NOW);

        assertThat(decision).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void tokenLackingOneOfTheRequiredScopesIsForbiddenForAScope() {
        RouteSecurity route = rules(Set.of(AuthMethod.JWT), Set.of(), Set.of("orders:read", "orders:write"));
        String claims = signed("alice", Set.of(), Set.of("orders:read"));

        AccessDecision decision = policy.decide(route, token(claims), NOW);

        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Forbidden.class,
                forbidden -> assertThat(forbidden.insufficientScope()).isTrue());
    }

    @Test
    void apiKeyOnARouteThatRequiresScopesIsForbiddenForAScope() {
        RouteSecurity route = rules(Set.of(AuthMethod.API_KEY), Set.of(), Set.of("orders:read"));

        AccessDecision decision = policy.decide(route, apiKey(BILLING_KEY), NOW);

        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Forbidden.class,
                forbidden -> assertThat(forbidden.insufficientScope()).isTrue());
    }

    private static RouteSecurity rules(Set<AuthMethod> methods, Set<String> roles, Set<String> scopes) {
        return new RouteSecurity(methods, roles, scopes, true);
    }

    private static Credentials token(String token) {
        return new Credentials(Optional.of(token), Optional.empty());
    }

    /** Signs a token for {@code subject} with its groups and scopes, valid at {@link #NOW}. */
    private static String signed(String subject, Set<String> groups, Set<String> scopes) {
        return SigningKey.ISSUER.signed(subject, NOW, claims -> claims.claim("groups", List.copyOf(groups))
                .claim("scope", String.join(" ", scopes)));
    }

    private static Credentials apiKey(String key) {
        return new Credentials(Optional.empty(), Optional.of(key));
    }

    private static AccessDecision granted(Identity identity) {
        return new AccessDecision.Granted(Optional.of(identity));
    }
}
