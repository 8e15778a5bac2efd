package io.portico.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class QuotaPolicyTest {

    private static final long NOW = 1_760_000_000_000_000L;
    private static final QuotaLimit ONE_PER_MINUTE = new QuotaLimit(1, Duration.ofMinutes(1));
    private static final QuotaLimit THREE_PER_MINUTE = new QuotaLimit(3, Duration.ofMinutes(1));
    private static final QuotaCaller ALICE_AT_7 = new QuotaCaller(Optional.of("alice"), "203.0.113.7",
            Optional.empty());
    private static final QuotaCaller BOB_AT_7 = new QuotaCaller(Optional.of("bob"), "203.0.113.7", Optional.empty());
    private static final QuotaCaller ALICE_AT_8 = new QuotaCaller(Optional.of("alice"), "203.0.113.8",
            Optional.empty());

    @Test
    void budgetsOfDifferentRoutesNeverMix() {
        RouteQuota orders = quota("orders", ONE_PER_MINUTE, "route");
        RouteQuota invoices = quota("invoices", ONE_PER_MINUTE, "route");
        QuotaPolicy policy = policy(orders, invoices);
        policy.take(orders, ALICE_AT_7, NOW);

        boolean invoicesAllowed = allowed(policy.take(invoices, ALICE_AT_7, NOW));
        boolean ordersAllowed = allowed(policy.take(orders, ALICE_AT_7, NOW));

        assertThat(invoicesAllowed).isTrue();
        assertThat(ordersAllowed).isFalse();
    }

    @Test
    void ipKeyGivesEachClientAddressItsOwnBudget() {
        RouteQuota orders = quota("orders", ONE_PER_MINUTE, "ip");
        QuotaPolicy policy = policy(orders);
        policy.take(orders, ALICE_AT_7, NOW);

        boolean sameAddressAllowed = allowed(policy.take(orders, BOB_AT_7, NOW));
        boolean otherAddressAllowed = allowed(policy.take(orders, ALICE_AT_8, NOW));

        assertThat(sameAddressAllowed).isFalse();
        assertThat(otherAddressAllowed).isTrue();
    }

    @Test
    void headerKeyGivesEachHeaderValueItsOwnBudgetWhateverTheAddress() {
        RouteQuota orders = quota("orders", ONE_PER_MINUTE, "header:X-Tenant");
        QuotaPolicy policy = policy(orders);
        policy.take(orders, new QuotaCaller(Optional.empty(), "203.0.113.7", Optional.of("acme")), NOW);

        boolean sameTenantAllowed = allowed(policy.take(orders,
                new QuotaCaller(Optional.empty(), "203.0.113.8", Optional.of("acme")), NOW));
        boolean otherTenantAllowed = allowed(policy.take(orders,
                new QuotaCaller(Optional.empty(), "203.0.113.7", Optional.of("globex")), NOW));

        assertThat(sameTenantAllowed).isFalse();
        assertThat(otherTenantAllowed).isTrue();
    }

    @Test
    void headerKeyFallsBackToTheClientAddressWhenTheHeaderIsAbsent() {
        RouteQuota orders = quota("orders", ONE_PER_MINUTE, "header:X-Tenant");
        QuotaPolicy policy = policy(orders);
        policy.take(orders, new QuotaCaller(Optional.empty(), "203.0.113.7", Optional.empty()), NOW);

        boolean sameAddressAllowed = allowed(policy.take(orders,
                new QuotaCaller(Optional.empty(), "203.0.113.7", Optional.empty()), NOW));
        boolean otherAddressAllowed = allowed(policy.take(orders,
                new QuotaCaller(Optional.empty(), "203.0.113.8", Optional.empty()), NOW));

        assertThat(sameAddressAllowed).isFalse();
        assertThat(otherAddressAllowed).isTrue();
    }

    @Test
    void consumerKeyGivesEachConsumerOneBudgetWhateverTheAddress() {
        RouteQuota orders = quota("orders", ONE_PER_MINUTE, "consumer");
        QuotaPolicy policy = policy(orders);
        policy.take(orders, ALICE_AT_7, NOW);

        boolean sameConsumerAllowed = allowed(policy.take(orders, ALICE_AT_8, NOW));
        boolean otherConsumerAllowed = allowed(policy.take(orders, BOB_AT_7, NOW));

        assertThat(sameConsumerAllowed).isFalse();
        assertThat(otherConsumerAllowed).isTrue();
    }

    @Test
    void consumersPlanReplacesTheRouteLimitOnRoutesCountedByConsumer() {
        RouteQuota orders = quota("orders", ONE_PER_MINUTE, "consumer");
        QuotaPolicy policy = new QuotaPolicy(config(Map.of("alice", THREE_PER_MINUTE), true, orders),
                new MapStore());

        List<QuotaOutcome> outcomes = takeAll(policy, orders, ALICE_AT_7, 4);

        assertThat(outcomes).extracting(QuotaPolicyTest::allowed).containsExactly(true, true, true, false);
        assertThat(outcomes).extracting(QuotaOutcome::quota)
                .containsOnly(new RouteQuota("orders", THREE_PER_MINUTE, orders.key()));
    }

    @Test
    void consumersPlanLeavesRoutesCountedOtherwiseAlone() {
        RouteQuota byAddress = quota("by-address", ONE_PER_MINUTE, "ip");
        RouteQuota byRoute = quota("by-route", ONE_PER_MINUTE, "route");
        QuotaPolicy policy = new QuotaPolicy(config(Map.of("alice", THREE_PER_MINUTE), true, byAddress, byRoute),
                new MapStore());

        List<QuotaOutcome> outcomes = new ArrayList<>(takeAll(policy, byAddress, ALICE_AT_7, 2));
        outcomes.addAll(takeAll(policy, byRoute, ALICE_AT_7, 2));

        assertThat(outcomes).extracting(QuotaPolicyTest::allowed).containsExactly(true, false, true, false);
        assertThat(outcomes).extracting(outcome -> outcome.quota().limit()).containsOnly(ONE_PER_MINUTE);
    }

    @Test
    void consumerWithoutAPlanKeepsTheRouteLimit() {
        RouteQuota orders = quota("orders", ONE_PER_MINUTE, "consumer");
        QuotaPolicy policy = new QuotaPolicy(config(Map.of("alice", THREE_PER_MINUTE), true, orders),
                new MapStore());

        List<QuotaOutcome> outcomes = takeAll(policy, orders, BOB_AT_7, 2);

        assertThat(outcomes).extracting(QuotaPolicyTest::allowed).containsExactly(true, false);
        assertThat(outcomes.get(0).quota()).isEqualTo(orders);
    }

    @Test
    void failingStoreYieldsNoDecisionAndLetsTheRequestThroughWhenFailingOpen() {
        RouteQuota orders = quota("orders", ONE_PER_MINUTE, "ip");
        QuotaPolicy policy = new QuotaPolicy(config(Map.of(), true, orders), new FailingStore());

        QuotaOutcome outcome = quietly(() -> policy.take(orders, ALICE_AT_7, NOW));

        assertThat(outcome.decision()).isEmpty();
        assertThat(outcome.quota()).isEqualTo(orders);
        assertThat(outcome.allowed(policy.config().failOpen())).isTrue();
    }

    @Test
    void failingStoreRefusesTheRequestWhenFailingClosed() {
        RouteQuota orders = quota("orders", ONE_PER_MINUTE, "ip");
        QuotaPolicy policy = new QuotaPolicy(config(Map.of(), false, orders), new FailingStore());

        QuotaOutcome outcome = quietly(() -> policy.take(orders, ALICE_AT_7, NOW));

        assertThat(outcome.decision()).isEmpty();
        assertThat(outcome.allowed(policy.config().failOpen())).isFalse();
    }

    @Test
    void everyStoreFailureIsCountedButOnlyTheFirstIsLogged() {
        RouteQuota orders = quota("orders", ONE_PER_MINUTE, "ip");
        QuotaPolicy policy = new QuotaPolicy(config(Map.of(), true, orders), new FailingStore());
        List<LogRecord> records = new ArrayList<>();

        try (CapturedLog log = new CapturedLog(records)) {
            for (int i = 0; i < 3; i++) {
                policy.take(orders, ALICE_AT_7, NOW + i);
            }
        }

        assertThat(policy.storeFailures()).isEqualTo(3);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage()).contains("failing open");
            assertThat(record.getThrown()).hasMessage("store unreachable");
        });
    }

    @Test
    void storeThatAnswersCountsNoFailure() {
        RouteQuota orders = quota("orders", ONE_PER_MINUTE, "ip");
        QuotaPolicy policy = policy(orders);

        takeAll(policy, orders, ALICE_AT_7, 3);

        assertThat(policy.storeFailures()).isZero();
    }

    private static QuotaPolicy policy(RouteQuota... quotas) {
        return new QuotaPolicy(config(Map.of(), true, quotas), new MapStore());
    }

    private static QuotaConfig config(Map<String, QuotaLimit> plans, boolean failOpen, RouteQuota... quotas) {
        Map<String, RouteQuota> routes = new HashMap<>();
        for (RouteQuota quota : quotas) {
            routes.put(quota.routeId(), quota);
        }
        return new QuotaConfig(routes, plans, false, 1000, failOpen, false);
    }

    private static RouteQuota quota(String routeId, QuotaLimit limit, String key) {
        return new RouteQuota(routeId, limit, QuotaKey.parse(key).orElseThrow());
    }

    private static List<QuotaOutcome> takeAll(QuotaPolicy policy, RouteQuota quota, QuotaCaller caller, int count) {
        List<QuotaOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            outcomes.add(policy.take(quota, caller, NOW));
        }
        return outcomes;
    }

    private static boolean allowed(QuotaOutcome outcome) {
        return outcome.decision().orElseThrow().allowed();
    }

    /** Runs {@code action} with the policy's warnings captured instead of printed. */
    private static QuotaOutcome quietly(Supplier<QuotaOutcome> action) {
        try (CapturedLog log = new CapturedLog(new ArrayList<>())) {
            return action.get();
        }
    }

    /** Budgets in a map, each taken under one lock: the contract of {@link QuotaStore} without a cache. */
    private static final class MapStore implements QuotaStore {

        private final Map<String, Long> tats = new HashMap<>();

        @Override
        public synchronized QuotaDecision take(String key, QuotaLimit limit, long nowMicros) {
            Gcra.Step step = Gcra.take(tats.get(key), nowMicros, limit);
            if (step.decision().allowed()) {
                tats.put(key, step.tat());
            }
            return step.decision();
        }

        @Override
        public void close() {
        }
    }

    private static final class FailingStore implements QuotaStore {

        @Override
        public QuotaDecision take(String key, QuotaLimit limit, long nowMicros) {
            throw new IllegalStateException("store unreachable");
        }

        @Override
        public void close() {
        }
    }

    /** Collects what {@link QuotaPolicy} logs, keeping it off the console, until closed. */
    private static final class CapturedLog extends Handler implements AutoCloseable {

        private final Logger logger = Logger.getLogger(QuotaPolicy.class.getName());
        private final boolean parentHandlers = logger.getUseParentHandlers();
        private final List<LogRecord> records;

        CapturedLog(List<LogRecord> records) {
            this.records = records;
            logger.setUseParentHandlers(false);
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord logRecord) {
            records.add(logRecord);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setUseParentHandlers(parentHandlers);
        }
    }
}
