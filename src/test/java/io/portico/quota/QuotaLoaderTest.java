package io.portico.quota;

import static io.portico.OneRoute.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.OneRoute;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuotaLoaderTest {

    /** SHA-256 of "abc". */
    private static final String ABC_HASH = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String LIMIT_RULE = "must be requests per period such as 100/1m, 10/1s or 5000/1h";

    @Test
    void quotaAndKeyAreRead() {
        QuotaConfig quota = load("portico.route.a.quota", "100/1m", "portico.route.a.quota.key", "header:X-Tenant");

        RouteQuota budget = quota.routes().get("a");

        assertThat(budget).isEqualTo(new RouteQuota("a", new QuotaLimit(100, Duration.ofMinutes(1)),
                new QuotaKey(QuotaKey.Kind.HEADER, "X-Tenant")));
    }

    @Test
    void quotaIsCountedByClientAddressUnlessToldOtherwise() {
        QuotaConfig quota = load("portico.route.a.quota", "10/1s");

        RouteQuota budget = quota.routes().get("a");

        assertThat(budget.key()).isEqualTo(new QuotaKey(QuotaKey.Kind.IP, null));
    }

    @Test
    void routeWithoutQuotaHasNoBudget() {
        QuotaConfig quota = load();

        Map<String, RouteQuota> budgets = quota.routes();

        assertThat(budgets).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/1m", "100/1d", "100", "100 per minute", "-1/1s", "1/0s"})
    void badQuotaIsRejectedNamingKeyAndValue(String value) {
        List<String> problems = problems("portico.route.a.quota", value);

        assertThat(problems).containsExactly("portico.route.a.quota: " + LIMIT_RULE + "; was '" + value + "'");
    }

    @Test
    void quotaKeyWithoutAQuotaIsRejected() {
        List<String> problems = problems("portico.route.a.quota.key", "ip");

        assertThat(problems).containsExactly("portico.route.a.quota.key: needs portico.route.a.quota; was 'ip'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"IP", "header:", "user", "header"})
    void unknownQuotaKeyIsRejectedNamingKeyAndValue(String value) {
        List<String> problems = problems("portico.route.a.quota", "100/1m", "portico.route.a.quota.key", value);

        assertThat(problems).containsExactly(
                "portico.route.a.quota.key: must be consumer, ip, route or header:<Name>; was '" + value + "'");
    }

    @Test
    void badQuotaAndBadKeyAreBothReported() {
        List<String> problems = problems("portico.route.a.quota", "100/1d", "portico.route.a.quota.key", "user");

        assertThat(problems).containsExactly(
                "portico.route.a.quota: " + LIMIT_RULE + "; was '100/1d'",
                "portico.route.a.quota.key: must be consumer, ip, route or header:<Name>; was 'user'");
    }

    @Test
    void consumerKeyOnAnOpenRouteIsRejected() {
        List<String> problems = problems("portico.route.a.quota", "100/1m", "portico.route.a.quota.key", "consumer");

        assertThat(problems).containsExactly("portico.route.a.quota.key: counting by consumer needs an auth method "
                + "on the route; was 'consumer'");
    }

    @Test
    void consumerKeyOnARouteWithAuthIsAccepted() {
        QuotaConfig quota = load("portico.route.a.auth", "api-key", "portico.route.a.quota", "100/1m",
                "portico.route.a.quota.key", "consumer");

        RouteQuota budget = quota.routes().get("a");

        assertThat(budget.key()).isEqualTo(new QuotaKey(QuotaKey.Kind.CONSUMER, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "portico.quota.store            | redis   | must be local or cluster",
        "portico.quota.store            | Local   | must be local or cluster",
        "portico.quota.on-store-failure | fail    | must be open or closed",
        "portico.quota.on-store-failure | OPEN    | must be open or closed",
        "portico.quota.legacy-headers   | yes     | must be true or false",
        "portico.quota.max-keys         | 0       | must be a whole number, 1 or more",
        "portico.quota.max-keys         | -1      | must be a whole number, 1 or more",
        "portico.quota.max-keys         | 10k     | must be a whole number, 1 or more"})
    void badStoreSettingIsRejectedNamingKeyRuleAndValue(String key, String value, String rule) {
        List<String> problems = problems(key, value);

        assertThat(problems).containsExactly(key + ": " + rule + "; was '" + value + "'");
    }

    @Test
    void storeSettingsAreRead() {
        QuotaConfig quota = load("portico.quota.store", "cluster", "portico.quota.on-store-failure", "closed",
                "portico.quota.legacy-headers", "true", "portico.quota.max-keys", "500");

        List<Object> settings = List.of(quota.cluster(), quota.failOpen(), quota.legacyHeaders(), quota.maxKeys());

        assertThat(settings).containsExactly(true, false, true, 500L);
    }

    @Test
    void storeSettingsHaveTheDocumentedDefaults() {
        QuotaConfig quota = load();

        List<Object> settings = List.of(quota.cluster(), quota.failOpen(), quota.legacyHeaders(), quota.maxKeys());

        assertThat(settings).containsExactly(false, true, false, 100_000L);
    }

    @Test
    void consumersPlanIsRead() {
        QuotaConfig quota = load("portico.consumer.billing.api-key-sha256", ABC_HASH,
                "portico.consumer.billing.quota", "1000/1m");

        Map<String, QuotaLimit> plans = quota.plans();

        assertThat(plans).containsExactly(Map.entry("billing", new QuotaLimit(1000, Duration.ofMinutes(1))));
    }

    @Test
    void badPlanIsRejectedNamingKeyAndValue() {
        List<String> problems = problems("portico.consumer.billing.api-key-sha256", ABC_HASH,
                "portico.consumer.billing.quota", "1000/1d");

        assertThat(problems).containsExactly("portico.consumer.billing.quota: " + LIMIT_RULE + "; was '1000/1d'");
    }

    @Test
    void longestPeriodCoversRoutesAndPlans() {
        QuotaConfig quota = load("portico.route.a.quota", "100/1m", "portico.consumer.billing.api-key-sha256",
                ABC_HASH, "portico.consumer.billing.quota", "5000/2h");

        Duration longest = quota.longestPeriod();

        assertThat(longest).isEqualTo(Duration.ofHours(2));
    }

    private static QuotaConfig load(String... keysAndValues) {
        return OneRoute.gateway(keysAndValues).quota();
    }
}
