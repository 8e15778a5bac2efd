package io.portico.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final RetryPolicy TWO_RETRIES = new RetryPolicy(2, Set.of(502, 503), TEN_SECONDS);

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})
    void idempotentMethodsAreRetried(String method) {
        boolean allowed = TWO_RETRIES.allows(method, 1, 0, false);

        assertThat(allowed).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PATCH", "CONNECT", "PROPFIND", "get"})
    void otherMethodsAreNeverRetried(String method) {
        boolean allowed = TWO_RETRIES.allows(method, 1, 0, false);

        assertThat(allowed).isFalse();
    }

    @Test
    void twoRetriesAllowAThirdAttemptButNoFourth() {
        List<Boolean> allowed = List.of(TWO_RETRIES.allows("GET", 1, 0, false),
                TWO_RETRIES.allows("GET", 2, 0, false), TWO_RETRIES.allows("GET", 3, 0, false));

        assertThat(allowed).containsExactly(true, true, false);
    }

    @Test
    void noRetriesAllowNone() {
        RetryPolicy none = new RetryPolicy(0, Set.of(502), TEN_SECONDS);

        boolean allowed = none.allows("GET", 1, 0, false);

        assertThat(allowed).isFalse();
    }

    @Test
    void retryMustBeginBeforeTheTimeLimit() {
        long limit = TEN_SECONDS.toNanos();

        List<Boolean> allowed = List.of(TWO_RETRIES.allows("GET", 1, limit - 1, false),
                TWO_RETRIES.allows("GET", 1, limit, false), TWO_RETRIES.allows("GET", 1, limit + SECOND, false));

        assertThat(allowed).containsExactly(true, false, false);
    }

    @Test
    void requestWhoseBodyWasReadIsNeverRetried() {
        boolean allowed = TWO_RETRIES.allows("PUT", 1, 0, true);

        assertThat(allowed).isFalse();
    }

    @Test
    void onlyTheConfiguredStatusesAreRetried() {
        List<Boolean> retried = List.of(TWO_RETRIES.retriesStatus(502), TWO_RETRIES.retriesStatus(503),
                TWO_RETRIES.retriesStatus(500), TWO_RETRIES.retriesStatus(504), TWO_RETRIES.retriesStatus(200));

        assertThat(retried).containsExactly(true, true, false, false, false);
    }

    @Test
    void statusesAreCopied() {
        Set<Integer> statuses = new HashSet<>(Set.of(502));
        RetryPolicy policy = new RetryPolicy(2, statuses, TEN_SECONDS);

        statuses.add(503);

        assertThat(policy.retriesStatus(503)).isFalse();
        assertThat(policy.statuses()).containsExactly(502);
    }
}
