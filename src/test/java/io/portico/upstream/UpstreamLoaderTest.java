package io.portico.upstream;

import static io.portico.OneRoute.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.portico.OneRoute;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamLoaderTest {

    private static final String RATIO_RULE = "must be a number above 0 and at most 1, such as 0.5";
    private static final String DURATION_RULE = "must be a duration longer than zero such as 500ms, 2s, 1m or 1h";
    private static final String PATH_RULE = "must be a path starting with / in printable ASCII, such as /health";

    @Test
    void routeTakesTheDocumentedDefaults() {
        UpstreamConfig config = load();

        UpstreamPolicy policy = config.policies().get("a");

        assertThat(policy).isEqualTo(new UpstreamPolicy(Balancing.ROUND_ROBIN,
                new HealthPolicy(0.5, 5, Duration.ofSeconds(10), Duration.ofSeconds(10)), Optional.empty(),
                new RetryPolicy(2, Set.of(), Duration.ofSeconds(10))));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyUpstreamKeyIsRead() {
        UpstreamConfig config = load(
                "portico.route.a.balance", "least-in-flight",
                "portico.route.a.health.failure-ratio", "0.25",
                "portico.route.a.health.min-requests", "3",
                "portico.route.a.health.window", "30s",
                "portico.route.a.health.cooldown", "1m",
                "portico.route.a.health.check.path", "/health",
                "portico.route.a.health.check.interval", "1s",
                "portico.route.a.health.check.timeout", "500ms",
                "portico.route.a.retries", "0",
                "portico.route.a.retry.statuses", "502, 503,504",
                "portico.route.a.retry.time-limit", "3s",
                "portico.shutdown.grace", "5s");

        UpstreamPolicy policy = config.policies().get("a");

        assertThat(policy).isEqualTo(new UpstreamPolicy(Balancing.LEAST_IN_FLIGHT,
                new HealthPolicy(0.25, 3, Duration.ofSeconds(30), Duration.ofMinutes(1)),
                Optional.of(new HealthCheck("/health", Duration.ofSeconds(1), Duration.ofMillis(500))),
                new RetryPolicy(0, Set.of(502, 503, 504), Duration.ofSeconds(3))));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void failureRatioOfOneIsAccepted() {
        UpstreamConfig config = load("portico.route.a.health.failure-ratio", "1");

        double ratio = config.policies().get("a").health().failureRatio();

        assertThat(ratio).isEqualTo(1.0);
    }

    @Test
    void eachRouteHasItsOwnPolicy() {
        UpstreamConfig config = load("portico.route.b.path", "/b/**", "portico.route.b.upstream", "http://127.0.0.1:9",
                "portico.route.b.balance", "least-in-flight");

        List<Balancing> balancing = List.of(config.policies().get("a").balancing(),
                config.policies().get("b").balancing());

        assertThat(balancing).containsExactly(Balancing.ROUND_ROBIN, Balancing.LEAST_IN_FLIGHT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "Round-Robin", "least_in_flight"})
    void unknownBalancingIsRejectedNamingKeyAndValue(String value) {
        List<String> problems = problems("portico.route.a.balance", value);

        assertThat(problems).containsExactly(
                "portico.route.a.balance: must be round-robin or least-in-flight; was '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "1.5", "-0.5", "abc", "50%", "NaN", "Infinity"})
    void failureRatioOutsideZeroToOneIsRejectedNamingKeyAndValue(String value) {
        List<String> problems = problems("portico.route.a.health.failure-ratio", value);

        assertThat(problems).containsExactly(
                "portico.route.a.health.failure-ratio: " + RATIO_RULE + "; was '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"404", "200", "499", "600", "5xx", "502;503"})
    void retryStatusOutsideFiveHundredsIsRejectedNamingKeyAndValue(String value) {
        List<String> problems = problems("portico.route.a.retry.statuses", "502, " + value);

        assertThat(problems).containsExactly(
                "portico.route.a.retry.statuses: statuses must be 500 to 599; was '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"health", "./health", "/he alth", "/health#top", "/gesundheit\u00e4"})
    void healthCheckPathMustBeAPrintableAbsolutePath(String value) {
        List<String> problems = problems("portico.route.a.health.check.path", value);

        assertThat(problems).containsExactly(
                "portico.route.a.health.check.path: " + PATH_RULE + "; was '" + value + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "portico.route.a.health.min-requests   | 0    | must be a whole number, 1 or more",
        "portico.route.a.health.min-requests   | many | must be a whole number, 1 or more",
        "portico.route.a.retries               | -1   | must be a whole number, 0 or more",
        "portico.route.a.health.window         | 0s   | " + DURATION_RULE,
        "portico.route.a.health.cooldown       | 10   | " + DURATION_RULE,
        "portico.route.a.health.check.interval | 1d   | " + DURATION_RULE,
        "portico.route.a.health.check.timeout  | 0ms  | " + DURATION_RULE,
        "portico.route.a.retry.time-limit      | soon | " + DURATION_RULE,
        "portico.shutdown.grace                | -1s  | " + DURATION_RULE})
    void badNumberOrDurationIsRejectedNamingKeyRuleAndValue(String key, String value, String rule) {
        List<String> problems = problems(key, value);

        assertThat(problems).containsExactly(key + ": " + rule + "; was '" + value + "'");
    }

    @Test
    void everyBadKeyIsReportedTogether() {
        List<String> problems = problems("portico.route.a.balance", "random",
                "portico.route.a.health.failure-ratio", "2", "portico.route.a.retry.statuses", "404",
                "portico.route.a.health.check.path", "health");

        assertThat(problems).containsExactly(
                "portico.route.a.balance: must be round-robin or least-in-flight; was 'random'",
                "portico.route.a.health.failure-ratio: " + RATIO_RULE + "; was '2'",
                "portico.route.a.retry.statuses: statuses must be 500 to 599; was '404'",
                "portico.route.a.health.check.path: " + PATH_RULE + "; was 'health'");
    }

    @Test
    void durationsLongerThanAYearAreRejectedNamingTheKey() {
        assertThat(problems("portico.route.a.health.window", "999999999h",
                "portico.route.a.health.cooldown", "8785h",
                "portico.route.a.retry.time-limit", "8784h"))
                .containsExactly("portico.route.a.health.window: must be a duration of at most 8784h; "
                        + "was '999999999h'", "portico.route.a.health.cooldown: must be a duration of at most 8784h; "
                        + "was '8785h'");
    }

    @Test
    void longestAcceptedDurationsWorkAtRunTime() {
        UpstreamPolicy policy = load("portico.route.a.health.window", "8784h",
                "portico.route.a.health.cooldown", "8784h",
                "portico.route.a.retry.time-limit", "8784h").policies().get("a");

        assertThatCode(() -> new UpstreamHealth(policy.health())).doesNotThrowAnyException();
        assertThat(policy.retry().allows("GET", 1, 0, false)).isTrue();
    }

    private static UpstreamConfig load(String... keysAndValues) {
        return OneRoute.gateway(keysAndValues).upstreams();
    }
}
