package io.portico.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ChallengesTest {

    private static final RouteSecurity JWT = route(AuthMethod.JWT);
    private static final RouteSecurity API_KEY = route(AuthMethod.API_KEY);
    private static final RouteSecurity EITHER = route(AuthMethod.JWT, AuthMethod.API_KEY);

    private static final AccessDecision.Unauthenticated NO_CREDENTIALS = refused(null);
    private static final AccessDecision.Unauthenticated INVALID_TOKEN = refused(Challenges.INVALID_TOKEN);
    private static final AccessDecision.Unauthenticated INVALID_KEY = refused(Challenges.INVALID_KEY);

    private final Challenges challenges = new Challenges("X-API-Key");

    @Test
    void jwtRouteWithoutCredentialsChallengesForABearerToken() {
        String challenge = challenges.unauthenticated(JWT, NO_CREDENTIALS);

        assertThat(challenge).isEqualTo("Bearer realm=\"portico\"");
    }

    @Test
    void jwtRouteWithAnInvalidTokenNamesTheError() {
        String challenge = challenges.unauthenticated(JWT, INVALID_TOKEN);

        assertThat(challenge).isEqualTo("Bearer realm=\"portico\", error=\"invalid_token\"");
    }

    @Test
    void apiKeyRouteWithoutCredentialsNamesTheHeader() {
        String challenge = challenges.unauthenticated(API_KEY, NO_CREDENTIALS);

        assertThat(challenge).isEqualTo("ApiKey realm=\"portico\", header=\"X-API-Key\"");
    }

    @Test
    void apiKeyRouteWithAnInvalidKeyNamesTheError() {
        String challenge = challenges.unauthenticated(API_KEY, INVALID_KEY);

        assertThat(challenge).isEqualTo("ApiKey realm=\"portico\", header=\"X-API-Key\", error=\"invalid_key\"");
    }

    @Test
    void apiKeyChallengeNamesTheConfiguredHeader() {
        Challenges custom = new Challenges("X-Client-Secret");

        String challenge = custom.unauthenticated(API_KEY, NO_CREDENTIALS);

        assertThat(challenge).isEqualTo("ApiKey realm=\"portico\", header=\"X-Client-Secret\"");
    }

    @Test
    void routeTakingEitherMethodChallengesForBothBearerFirst() {
        String challenge = challenges.unauthenticated(EITHER, NO_CREDENTIALS);

        assertThat(challenge).isEqualTo("Bearer realm=\"portico\", ApiKey realm=\"portico\", header=\"X-API-Key\"");
    }

    @Test
    void routeTakingEitherMethodPutsAnInvalidTokenErrorOnTheBearerChallengeOnly() {
        String challenge = challenges.unauthenticated(EITHER, INVALID_TOKEN);

        assertThat(challenge).isEqualTo(
                "Bearer realm=\"portico\", error=\"invalid_token\", ApiKey realm=\"portico\", header=\"X-API-Key\"");
    }

    @Test
    void routeTakingEitherMethodPutsAnInvalidKeyErrorOnTheApiKeyChallengeOnly() {
        String challenge = challenges.unauthenticated(EITHER, INVALID_KEY);

        assertThat(challenge).isEqualTo(
                "Bearer realm=\"portico\", ApiKey realm=\"portico\", header=\"X-API-Key\", error=\"invalid_key\"");
    }

    @Test
    void missingScopeIsChallengedWithInsufficientScope() {
        String challenge = Challenges.forbidden(new AccessDecision.Forbidden(true, "A scope is missing."));

        assertThat(challenge).isEqualTo("Bearer realm=\"portico\", error=\"insufficient_scope\"");
    }

    @Test
    void missingRoleHasNoChallenge() {
        String challenge = Challenges.forbidden(new AccessDecision.Forbidden(false, "A role is missing."));

        assertThat(challenge).isNull();
    }

    private static RouteSecurity route(AuthMethod... methods) {
        return new RouteSecurity(Set.of(methods), Set.of(), Set.of(), true);
    }

    private static AccessDecision.Unauthenticated refused(String error) {
        return new AccessDecision.Unauthenticated(error, "Refused.");
    }
}
