package io.portico.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.portico.routing.UpstreamAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Picking an upstream of a route's pool: smooth weighted round robin or least in flight, around down upstreams. */
class UpstreamPoolTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Duration COOLDOWN = Duration.ofSeconds(10);
    private static final HealthPolicy HEALTH = new HealthPolicy(0.5, 5, Duration.ofSeconds(10), COOLDOWN);
    private static final RetryPolicy RETRY = new RetryPolicy(2, Set.of(), Duration.ofSeconds(10));
    private static final long FALLBACK = 60 * SECOND;

    /** Near the clock {@link Lease#close()} reads, so that outcomes recorded on close fall in the same window. */
    private final long now = System.nanoTime();

    @Test
    void smoothScheduleOfOneTwoThreeVisitsEachAsOftenAsItsWeightWithoutRuns() {
        int[] schedule = UpstreamPool.smoothSchedule(new int[] {1, 2, 3});

        assertThat(schedule).containsExactly(2, 1, 0, 2, 1, 2);
        assertThat(longestRun(schedule, 2)).isEqualTo(1);
    }

    @Test
    void smoothScheduleSpreadsAHeavyMemberAmongLightOnes() {
        int[] schedule = UpstreamPool.smoothSchedule(new int[] {5, 1, 1});

        assertThat(schedule).containsExactly(0, 0, 1, 0, 2, 0, 0);
        assertThat(longestRun(schedule, 0)).isEqualTo(2);
    }

    @Test
    void smoothScheduleOfEqualWeightsIsPlainRoundRobin() {
        int[] schedule = UpstreamPool.smoothSchedule(new int[] {1, 1, 1});

        assertThat(schedule).containsExactly(0, 1, 2);
    }

    @Test
    void smoothScheduleOfLargeWeightsKeepsTheirProportions() {
        int[] schedule = UpstreamPool.smoothSchedule(new int[] {100, 1, 37});

        assertThat(schedule).hasSize(138);
        assertThat(counts(schedule, 3)).containsExactly(100, 1, 37);
    }

    @Test
    void poolNeedsUpstreams() {
        List<Upstream> none = List.of();

        assertThatIllegalArgumentException().isThrownBy(
                () -> new UpstreamPool("a", none, policy(Balancing.ROUND_ROBIN)));
    }

    @Test
    void roundRobinOverEqualWeightsCyclesThroughTheMembers() {
        List<Upstream> members = members(1, 1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.ROUND_ROBIN));

        List<Upstream> picked = pickClosing(pool, 6);

        assertThat(picked).containsExactly(members.get(0), members.get(1), members.get(2),
                members.get(0), members.get(1), members.get(2));
    }

    @Test
    void roundRobinFollowsTheWeights() {
        List<Upstream> members = members(1, 2, 3);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.ROUND_ROBIN));

        List<Upstream> picked = pickClosing(pool, 600);

        assertThat(countsOf(picked, members)).containsExactly(100, 200, 300);
        assertThat(picked.subList(0, 6)).containsExactly(members.get(2), members.get(1), members.get(0),
                members.get(2), members.get(1), members.get(2));
    }

    @Test
    void roundRobinSkipsADownMemberAndSplitsTheRestEvenly() {
        List<Upstream> members = members(1, 1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.ROUND_ROBIN));
        members.get(1).probed(false, now);

        List<Upstream> picked = pickClosing(pool, 1000);

        List<Integer> counts = countsOf(picked, members);
        assertThat(counts.get(1)).isZero();
        assertThat(counts.get(0) + counts.get(2)).isEqualTo(1000);
        assertThat(Math.abs(counts.get(0) - counts.get(2))).isLessThanOrEqualTo(1);
    }

    @Test
    void roundRobinAroundADownMemberKeepsTheWeightsOfTheRest() {
        List<Upstream> members = members(1, 2, 3);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.ROUND_ROBIN));
        members.get(2).probed(false, now);

        List<Upstream> picked = pickClosing(pool, 900);

        assertThat(countsOf(picked, members)).containsExactly(300, 600, 0);
    }

    @Test
    void concurrentRoundRobinNeverComesBackEmptyWhileAMemberIsUp() throws Exception {
        List<Upstream> members = members(1, 1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.ROUND_ROBIN));
        members.get(0).probed(false, now);
        members.get(2).probed(false, now);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> misses = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                misses.add(threads.submit(() -> emptyLeases(pool, 20_000)));
            }
            for (Future<Integer> miss : misses) {
                assertThat(miss.get()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private int emptyLeases(UpstreamPool pool, int count) {
        int empty = 0;
        for (int i = 0; i < count; i++) {
            Optional<Lease> lease = pool.lease(List.of(), now);
            lease.ifPresent(Lease::close);
            empty += lease.isEmpty() ? 1 : 0;
        }
        return empty;
    }

    @Test
    void roundRobinSkipsTriedMembers() {
        List<Upstream> members = members(1, 1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.ROUND_ROBIN));
        List<Upstream> tried = List.of(members.get(0));

        List<Upstream> picked = pickClosing(pool, tried, 100);

        assertThat(picked).doesNotContain(members.get(0)).contains(members.get(1), members.get(2));
    }

    @Test
    void retriesDoNotTakeTheSlotsOfLaterRequests() {
        List<Upstream> members = members(1, 1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.ROUND_ROBIN));
        Upstream failing = members.get(2);
        List<Upstream> firstPicks = new ArrayList<>();

        for (int i = 0; i < 300; i++) {
            try (Lease first = pool.lease(List.of(), now).orElseThrow()) {
                firstPicks.add(first.upstream());
            }
            if (firstPicks.get(i) == failing) {
                pool.lease(List.of(failing), now).orElseThrow().close();
            }
        }

        assertThat(countsOf(firstPicks, members)).containsExactly(100, 100, 100);
    }

    @Test
    void roundRobinFindsNothingWhenEveryMemberIsDownOrTried() {
        List<Upstream> members = members(1, 2, 3);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.ROUND_ROBIN));
        members.get(0).probed(false, now);
        members.get(1).probed(false, now);

        Optional<Lease> allDownOrTried = pool.lease(List.of(members.get(2)), now);
        Optional<Lease> oneLeft = pool.lease(List.of(), now);

        assertThat(allDownOrTried).isEmpty();
        assertThat(oneLeft).map(Lease::upstream).contains(members.get(2));
    }

    @Test
    void leastInFlightPicksTheMemberWithTheFewestRequestsInFlight() {
        List<Upstream> members = members(1, 1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.LEAST_IN_FLIGHT));
        hold(members.get(0), 1);
        hold(members.get(2), 2);

        List<Upstream> picked = pickClosing(pool, 6);

        assertThat(picked).containsOnly(members.get(1));
    }

    @Test
    void leastInFlightWeighsTheRequestsInFlight() {
        List<Upstream> members = members(3, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.LEAST_IN_FLIGHT));
        hold(members.get(0), 2);
        hold(members.get(1), 1);

        List<Upstream> picked = pickClosing(pool, 4);

        assertThat(picked).as("2 of 3 is less loaded than 1 of 1").containsOnly(members.get(0));
    }

    @Test
    void leastInFlightSpreadsOpenLeasesByWeight() {
        List<Upstream> members = members(3, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.LEAST_IN_FLIGHT));

        for (int i = 0; i < 8; i++) {
            pool.lease(List.of(), now).orElseThrow();
        }

        assertThat(List.of(members.get(0).inFlight(), members.get(1).inFlight())).containsExactly(6, 2);
    }

    @Test
    void leastInFlightTakesTiesInTurn() {
        List<Upstream> members = members(1, 1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.LEAST_IN_FLIGHT));

        List<Upstream> picked = pickClosing(pool, 6);

        assertThat(picked).containsExactly(members.get(0), members.get(1), members.get(2),
                members.get(0), members.get(1), members.get(2));
    }

    @Test
    void leastInFlightSkipsDownAndTriedMembers() {
        List<Upstream> members = members(1, 1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.LEAST_IN_FLIGHT));
        members.get(0).probed(false, now);

        List<Upstream> picked = pickClosing(pool, List.of(members.get(1)), 5);
        Optional<Lease> none = pool.lease(List.of(members.get(1), members.get(2)), now);

        assertThat(picked).containsOnly(members.get(2));
        assertThat(none).isEmpty();
    }

    @Test
    void leastInFlightGivesAHalfOpenMemberOnlyOneTrial() {
        List<Upstream> members = members(1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.LEAST_IN_FLIGHT));
        eject(members.get(0), now);
        members.get(1).probed(false, now);
        long cooled = now + COOLDOWN.toNanos();

        Optional<Lease> trial = pool.lease(List.of(), cooled);
        Optional<Lease> second = pool.lease(List.of(), cooled);

        assertThat(trial).map(Lease::upstream).contains(members.get(0));
        assertThat(second).isEmpty();
    }

    @Test
    void nanosUntilAdmittingIsTheSoonestEndOfACooldown() {
        List<Upstream> members = members(1, 1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.ROUND_ROBIN));
        eject(members.get(0), now + 4 * SECOND);
        eject(members.get(1), now);
        members.get(2).probed(false, now);

        long nanos = pool.nanosUntilAdmitting(now + 5 * SECOND, FALLBACK);

        assertThat(nanos).isEqualTo(5 * SECOND);
    }

    @Test
    void nanosUntilAdmittingIsTheFallbackWhenOnlyProbesCanTell() {
        List<Upstream> members = members(1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.ROUND_ROBIN));
        members.forEach(member -> member.probed(false, now));

        long nanos = pool.nanosUntilAdmitting(now, FALLBACK);

        assertThat(nanos).isEqualTo(FALLBACK);
    }

    @Test
    void nanosUntilAdmittingIsZeroWhileAMemberIsUp() {
        List<Upstream> members = members(1, 1);
        UpstreamPool pool = new UpstreamPool("a", members, policy(Balancing.ROUND_ROBIN));
        eject(members.get(0), now);

        long nanos = pool.nanosUntilAdmitting(now, FALLBACK);

        assertThat(nanos).isZero();
    }

    @Test
    void leaseCountsInFlightUntilClosedOnce() {
        Upstream upstream = members(1).get(0);
        UpstreamPool pool = new UpstreamPool("a", List.of(upstream), policy(Balancing.ROUND_ROBIN));
        Lease lease = pool.lease(List.of(), now).orElseThrow();
        int during = upstream.inFlight();

        lease.close();
        lease.close();

        assertThat(during).isEqualTo(1);
        assertThat(upstream.inFlight()).isZero();
    }

    @Test
    void failedLeasesEjectTheUpstreamAndTellTheListenerOnce() {
        Map<Upstream, List<String>> causes = new HashMap<>();
        Upstream upstream = new Upstream("a", address(9001, 1), HEALTH,
                (ejected, cause) -> causes.computeIfAbsent(ejected, key -> new ArrayList<>()).add(cause));
        UpstreamPool pool = new UpstreamPool("a", List.of(upstream), policy(Balancing.ROUND_ROBIN));
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            leases.add(pool.lease(List.of(), now).orElseThrow());
        }

        for (Lease lease : leases) {
            lease.failed();
            lease.close();
        }

        assertThat(causes).containsExactly(Map.entry(upstream, List.of("failures")));
        assertThat(upstream.health().ejections()).isEqualTo(1);
        assertThat(pool.lease(List.of(), System.nanoTime())).isEmpty();
    }

    @Test
    void leaseClosedWithoutAnOutcomeLeavesTheHealthAsItWas() {
        Upstream upstream = members(1).get(0);
        UpstreamPool pool = new UpstreamPool("a", List.of(upstream), policy(Balancing.ROUND_ROBIN));

        for (int i = 0; i < 10; i++) {
            pool.lease(List.of(), now).orElseThrow().close();
        }

        assertThat(upstream.health().failureRatio(System.nanoTime())).isZero();
        assertThat(upstream.health().ejections()).isZero();
    }

    @Test
    void failedProbeTellsTheListenerOfAHealthCheckEjection() {
        List<String> causes = new ArrayList<>();
        Upstream upstream = new Upstream("a", address(9001, 1), HEALTH, (ejected, cause) -> causes.add(cause));

        upstream.probed(false, now);
        upstream.probed(false, now + SECOND);

        assertThat(causes).containsExactly("health check");
    }

    private static UpstreamPolicy policy(Balancing balancing) {
        return new UpstreamPolicy(balancing, HEALTH, Optional.empty(), RETRY);
    }

    private static UpstreamAddress address(int port, int weight) {
        return new UpstreamAddress(URI.create("http://127.0.0.1:" + port), weight);
    }

    /** Returns upstreams of the given weights on ports 9001, 9002 and so on, whose ejections nobody hears of. */
    private static List<Upstream> members(int... weights) {
        List<Upstream> members = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            members.add(new Upstream("a", address(9001 + i, weights[i]), HEALTH, (upstream, cause) -> { }));
        }
        return members;
    }

    /** Ejects {@code upstream} by five failures at {@code at}. */
    private static void eject(Upstream upstream, long at) {
        UpstreamHealth health = upstream.health();
        for (int i = 0; i < 5; i++) {
            health.record(health.acquire(at), false, at);
        }
        assertThat(health.admits(at)).isFalse();
    }

    /** Leases {@code upstream} {@code count} times and keeps the leases open. */
    private void hold(Upstream upstream, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(upstream.lease(now)).isNotNull();
        }
    }

    private List<Upstream> pickClosing(UpstreamPool pool, int count) {
        return pickClosing(pool, List.of(), count);
    }

    /** Leases {@code count} times, closing each lease without an outcome, and returns the upstreams picked. */
    private List<Upstream> pickClosing(UpstreamPool pool, Collection<Upstream> tried, int count) {
        List<Upstream> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (Lease lease = pool.lease(tried, now).orElseThrow()) {
                picked.add(lease.upstream());
            }
        }
        return picked;
    }

    private static List<Integer> countsOf(List<Upstream> picked, List<Upstream> members) {
        List<Integer> counts = new ArrayList<>();
        for (Upstream member : members) {
            counts.add((int) picked.stream().filter(member::equals).count());
        }
        return counts;
    }

    private static List<Integer> counts(int[] schedule, int members) {
        int[] counts = new int[members];
        for (int member : schedule) {
            counts[member]++;
        }
        return java.util.Arrays.stream(counts).boxed().toList();
    }

    /** Returns the longest run of {@code member} in {@code schedule}, read once from start to end. */
    private static int longestRun(int[] schedule, int member) {
        int longest = 0;
        int run = 0;
        for (int visit : schedule) {
            run = visit == member ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
