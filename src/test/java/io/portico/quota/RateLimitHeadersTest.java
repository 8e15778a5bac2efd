package io.portico.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitHeadersTest {

    private static final RouteQuota API = new RouteQuota("api", new QuotaLimit(20, Duration.ofMinutes(1)),
            new QuotaKey(QuotaKey.Kind.IP, null));
    private static final QuotaDecision FIRST_OF_TWENTY = new QuotaDecision(true, 19, 0, 3_000_000);

    @Test
    void policyStatesTheBudgetAndRateLimitWhatIsLeft() {
        QuotaOutcome outcome = new QuotaOutcome(API, Optional.of(FIRST_OF_TWENTY));

        Map<String, String> headers = RateLimitHeaders.of(outcome, false);

        assertThat(headers).containsExactly(
                Map.entry("RateLimit-Policy", "\"api\";q=20;w=60"),
                Map.entry("RateLimit", "\"api\";r=19;t=3"));
    }

    @Test
    void legacyTrioFollowsWhenAskedFor() {
        QuotaOutcome outcome = new QuotaOutcome(API, Optional.of(FIRST_OF_TWENTY));

        Map<String, String> headers = RateLimitHeaders.of(outcome, true);

        assertThat(headers).containsExactly(
                Map.entry("RateLimit-Policy", "\"api\";q=20;w=60"),
                Map.entry("RateLimit", "\"api\";r=19;t=3"),
                Map.entry("X-RateLimit-Limit", "20"),
                Map.entry("X-RateLimit-Remaining", "19"),
                Map.entry("X-RateLimit-Reset", "3"));
    }

    @Test
    void refusedRequestIsToldTheWholeBudgetComesBackAtTheReset() {
        QuotaOutcome outcome = new QuotaOutcome(API, Optional.of(new QuotaDecision(false, 0, 3_000_000, 59_500_000)));

        Map<String, String> headers = RateLimitHeaders.of(outcome, false);

        assertThat(headers).containsEntry("RateLimit", "\"api\";r=0;t=60");
    }

    @Test
    void withoutADecisionOnlyThePolicyIsSentEvenWithTheLegacyTrio() {
        QuotaOutcome outcome = new QuotaOutcome(API, Optional.empty());

        Map<String, String> headers = RateLimitHeaders.of(outcome, true);

        assertThat(headers).containsExactly(Map.entry("RateLimit-Policy", "\"api\";q=20;w=60"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RateLimit", "ratelimit", "RATELIMIT-POLICY", "RateLimit-Policy", "x-ratelimit-limit",
        "X-RateLimit-Remaining", "X-RATELIMIT-RESET"})
    void ownsItsHeadersWhateverTheirCase(String name) {
        boolean owned = RateLimitHeaders.owns(name);

        assertThat(owned).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Retry-After", "RateLimits", "X-RateLimit", "Content-Type", "X-Rate-Limit-Limit"})
    void ownsNoOtherHeader(String name) {
        boolean owned = RateLimitHeaders.owns(name);

        assertThat(owned).isFalse();
    }
}
