package io.portico.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The local store: a real Ehcache, opened through JCache as the gateway opens it. */
class QuotaStoresTest {

    private static final long NOW = 1_760_000_000_000_000L;
    private static final QuotaLimit THREE_THOUSAND_PER_HOUR = new QuotaLimit(3000, Duration.ofHours(1));
    private static final QuotaConfig LOCAL = new QuotaConfig(Map.of(), Map.of(), false, 1000, true, false);

    @Test
    void concurrentTakesOnOneKeyAllowExactlyTheLimit() throws Exception {
        int threads = 8;
        int takesPerThread = 500;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> allowedPerThread = new ArrayList<>();

        try (QuotaStore store = QuotaStores.open(LOCAL, getClass().getClassLoader())) {
            Callable<Integer> taker = () -> {
                start.await();
                int allowed = 0;
                for (int i = 0; i < takesPerThread; i++) {
                    allowed += store.take("orders\nROUTE\n", THREE_THOUSAND_PER_HOUR, NOW).allowed() ? 1 : 0;
                }
                return allowed;
            };
            for (int i = 0; i < threads; i++) {
                allowedPerThread.add(executor.submit(taker));
            }
            start.countDown();
            executor.shutdown();
            assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        int allowed = 0;
        for (Future<Integer> future : allowedPerThread) {
            allowed += future.get();
        }
        assertThat(allowed).isEqualTo(3000);
    }

    @Test
    void keysHaveSeparateBudgets() {
        try (QuotaStore store = QuotaStores.open(LOCAL, getClass().getClassLoader())) {
            QuotaLimit onePerMinute = new QuotaLimit(1, Duration.ofMinutes(1));
            store.take("a", onePerMinute, NOW);

            QuotaDecision sameKey = store.take("a", onePerMinute, NOW);
            QuotaDecision otherKey = store.take("b", onePerMinute, NOW);

            assertThat(sameKey.allowed()).isFalse();
            assertThat(otherKey.allowed()).isTrue();
        }
    }

    @Test
    void closedStoreCanBeOpenedAgainWithFullBudgets() {
        QuotaLimit onePerMinute = new QuotaLimit(1, Duration.ofMinutes(1));
        try (QuotaStore first = QuotaStores.open(LOCAL, getClass().getClassLoader())) {
            first.take("a", onePerMinute, NOW);
        }

        try (QuotaStore second = QuotaStores.open(LOCAL, getClass().getClassLoader())) {
            QuotaDecision decision = second.take("a", onePerMinute, NOW);

            assertThat(decision.allowed()).isTrue();
        }
    }

    @Test
    void closedStoreRefusesToTake() {
        QuotaStore store = QuotaStores.open(LOCAL, getClass().getClassLoader());
        store.close();

        assertThatIllegalStateException().isThrownBy(
                () -> store.take("a", THREE_THOUSAND_PER_HOUR, NOW));
    }

    @Test
    void clusterStoreWithoutTheServersCacheManagerFailsNamingTheKey() {
        QuotaConfig cluster = new QuotaConfig(Map.of(), Map.of(), true, 1000, true, false);

        assertThatIllegalStateException().isThrownBy(() -> QuotaStores.open(cluster,
                getClass().getClassLoader())).withMessageStartingWith("portico.quota.store: cluster needs ");
    }
}
