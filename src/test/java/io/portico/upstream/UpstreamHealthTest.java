package io.portico.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.upstream.UpstreamHealth.Permit;
import io.portico.upstream.UpstreamHealth.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The circuit breaker of one upstream, driven by a clock given as numbers. */
class UpstreamHealthTest {

    private static final long SECOND = 1_000_000_000L;
    /** An arbitrary nanoTime-style instant on a bucket boundary, so that nothing depends on the clock at zero. */
    private static final long START = 1_760_000L * SECOND;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration COOLDOWN = Duration.ofSeconds(10);
    private static final long COOLDOWN_NANOS = COOLDOWN.toNanos();
    private static final long FALLBACK = 60 * SECOND;
    /** Ejects at half of at least five attempts within ten seconds, for ten seconds. */
    private static final HealthPolicy HALF_OF_FIVE = new HealthPolicy(0.5, 5, WINDOW, COOLDOWN);

    @Test
    void upstreamStaysUpBelowTheMinimumOfRequestsEvenWhenAllFail() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);

        List<Boolean> ejected = fail(health, 4, START);

        assertThat(ejected).containsOnly(false);
        assertThat(health.state(START)).isEqualTo(State.UP);
        assertThat(health.admits(START)).isTrue();
        assertThat(health.failureRatio(START)).isEqualTo(1.0);
        assertThat(health.ejections()).isZero();
    }

    @Test
    void fifthFailureReachesTheMinimumAndEjects() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);
        fail(health, 4, START);

        boolean ejected = outcome(health, false, START);

        assertThat(ejected).isTrue();
        assertThat(health.state(START)).isEqualTo(State.DOWN);
        assertThat(health.admits(START)).isFalse();
        assertThat(health.acquire(START)).isEqualTo(Permit.NONE);
        assertThat(health.ejections()).isEqualTo(1);
    }

    @Test
    void failuresBelowTheRatioDoNotEjectAndReachingItExactlyDoes() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);
        succeed(health, 3, START);
        List<Boolean> belowRatio = fail(health, 2, START);

        boolean atRatio = outcome(health, false, START);

        assertThat(belowRatio).containsOnly(false);
        assertThat(atRatio).as("3 failures of 6 attempts").isTrue();
        assertThat(health.state(START)).isEqualTo(State.DOWN);
    }

    @Test
    void failuresSpreadOverTheWindowAllCount() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);
        for (int i = 0; i < 4; i++) {
            outcome(health, false, START + 2 * i * SECOND);
        }

        boolean ejected = outcome(health, false, START + 9 * SECOND);

        assertThat(ejected).isTrue();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);
        fail(health, 4, START);
        long later = START + WINDOW.toNanos() + SECOND;

        boolean ejected = outcome(health, false, later);

        assertThat(ejected).as("only one failure left in the window").isFalse();
        assertThat(health.state(later)).isEqualTo(State.UP);
        assertThat(fail(health, 3, later)).containsOnly(false);
        assertThat(outcome(health, false, later)).as("the fifth failure within the window").isTrue();
    }

    @Test
    void failureRatioForgetsTheWindowOnceItPassed() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);
        succeed(health, 3, START);
        fail(health, 1, START + 5 * SECOND);

        double early = health.failureRatio(START + 9 * SECOND);
        double late = health.failureRatio(START + 10 * SECOND);
        double gone = health.failureRatio(START + 15 * SECOND);

        assertThat(early).isEqualTo(0.25);
        assertThat(late).as("the successes at START left the window").isEqualTo(1.0);
        assertThat(gone).isZero();
    }

    @Test
    void downUpstreamAdmitsNothingUntilTheCooldownEnds() {
        UpstreamHealth health = ejectedAt(START);
        long justBefore = START + COOLDOWN_NANOS - 1;

        Permit permit = health.acquire(justBefore);

        assertThat(permit).isEqualTo(Permit.NONE);
        assertThat(health.admits(justBefore)).isFalse();
        assertThat(health.state(justBefore)).isEqualTo(State.DOWN);
    }

    @Test
    void afterTheCooldownExactlyOneTrialIsAdmittedAtATime() {
        UpstreamHealth health = ejectedAt(START);
        long cooled = START + COOLDOWN_NANOS;

        Permit trial = health.acquire(cooled);
        Permit second = health.acquire(cooled);

        assertThat(trial).isEqualTo(Permit.TRIAL);
        assertThat(second).isEqualTo(Permit.NONE);
        assertThat(health.state(cooled)).isEqualTo(State.HALF_OPEN);
        assertThat(health.admits(cooled + 5 * SECOND)).isFalse();
    }

    @Test
    void trialReleasedWithoutAnOutcomeLetsTheNextTrialIn() {
        UpstreamHealth health = ejectedAt(START);
        long cooled = START + COOLDOWN_NANOS;
        health.release(health.acquire(cooled));

        Permit next = health.acquire(cooled);

        assertThat(next).isEqualTo(Permit.TRIAL);
        assertThat(health.state(cooled)).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void successfulTrialBringsTheUpstreamUpWithACleanWindow() {
        UpstreamHealth health = ejectedAt(START);
        long cooled = START + COOLDOWN_NANOS;
        Permit trial = health.acquire(cooled);

        boolean ejected = health.record(trial, true, cooled);

        assertThat(ejected).isFalse();
        assertThat(health.state(cooled)).isEqualTo(State.UP);
        assertThat(health.failureRatio(cooled)).isZero();
        assertThat(health.acquire(cooled)).isEqualTo(Permit.NORMAL);
        assertThat(fail(health, 4, cooled)).as("a fresh window needs five attempts again").containsOnly(false);
        assertThat(health.ejections()).isEqualTo(1);
    }

    @Test
    void failedTrialTakesTheUpstreamDownForAnotherCooldown() {
        UpstreamHealth health = ejectedAt(START);
        long cooled = START + COOLDOWN_NANOS;
        Permit trial = health.acquire(cooled);

        boolean ejected = health.record(trial, false, cooled);

        assertThat(ejected).isTrue();
        assertThat(health.ejections()).isEqualTo(2);
        assertThat(health.state(cooled)).isEqualTo(State.DOWN);
        assertThat(health.nanosUntilAdmitting(cooled, FALLBACK)).isEqualTo(COOLDOWN_NANOS);
        assertThat(health.acquire(cooled + COOLDOWN_NANOS - 1)).isEqualTo(Permit.NONE);
        assertThat(health.acquire(cooled + COOLDOWN_NANOS)).isEqualTo(Permit.TRIAL);
    }

    @Test
    void outcomesOfNormalPermitsTakenBeforeAnEjectionDoNotCountWhileDownOrHalfOpen() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);
        List<Permit> early = acquire(health, 5, START);
        fail(health, 5, START);
        long cooled = START + COOLDOWN_NANOS;

        boolean failedWhileDown = health.record(early.get(0), false, START + SECOND);
        boolean succeededWhileHalfOpen = health.record(early.get(1), true, cooled);
        boolean failedWhileHalfOpen = health.record(early.get(2), false, cooled);

        assertThat(List.of(failedWhileDown, succeededWhileHalfOpen, failedWhileHalfOpen)).containsOnly(false);
        assertThat(health.state(cooled)).as("a late success is no trial").isEqualTo(State.HALF_OPEN);
        assertThat(health.ejections()).isEqualTo(1);
        assertThat(health.acquire(cooled)).as("the trial is still to take").isEqualTo(Permit.TRIAL);
    }

    @Test
    void outcomesOfNormalPermitsTakenBeforeAnEjectionDoNotCountOnceTheUpstreamIsBackUp() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);
        List<Permit> early = acquire(health, 5, START);
        fail(health, 5, START);
        long cooled = START + COOLDOWN_NANOS;
        health.record(health.acquire(cooled), true, cooled);
        List<Boolean> ejected = new ArrayList<>();

        for (Permit permit : early) {
            ejected.add(health.record(permit, false, cooled + SECOND));
        }

        assertThat(ejected).containsOnly(false);
        assertThat(health.state(cooled + SECOND)).isEqualTo(State.UP);
        assertThat(health.ejections()).isEqualTo(1);
    }

    @Test
    void noPermitRecordsNothing() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);

        for (int i = 0; i < 10; i++) {
            health.record(Permit.NONE, false, START);
        }

        assertThat(health.failureRatio(START)).isZero();
        assertThat(health.state(START)).isEqualTo(State.UP);
    }

    @Test
    void failedProbeEjectsAnUpstreamThatWasUp() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);

        boolean ejected = health.probed(false, START);

        assertThat(ejected).isTrue();
        assertThat(health.ejections()).isEqualTo(1);
        assertThat(health.state(START)).isEqualTo(State.DOWN);
        assertThat(health.acquire(START)).isEqualTo(Permit.NONE);
    }

    @Test
    void failedProbeHoldsTheUpstreamDownBeyondTheCooldownUntilAHealthyProbe() {
        UpstreamHealth health = ejectedAt(START);
        boolean ejectedAgain = health.probed(false, START + SECOND);
        long longAfter = START + 10 * COOLDOWN_NANOS;

        Permit held = health.acquire(longAfter);
        health.probed(true, longAfter);
        Permit released = health.acquire(longAfter);

        assertThat(ejectedAgain).as("already down").isFalse();
        assertThat(health.ejections()).isEqualTo(1);
        assertThat(held).isEqualTo(Permit.NONE);
        assertThat(released).isEqualTo(Permit.TRIAL);
    }

    @Test
    void repeatedFailedProbesCountOneEjection() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);

        boolean first = health.probed(false, START);
        boolean second = health.probed(false, START + SECOND);
        boolean third = health.probed(false, START + 2 * SECOND);

        assertThat(List.of(first, second, third)).containsExactly(true, false, false);
        assertThat(health.ejections()).isEqualTo(1);
    }

    @Test
    void healthyProbeAfterAFailedOneReadmitsAnUpstreamThatWasUp() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);
        health.probed(false, START);

        health.probed(true, START + SECOND);

        assertThat(health.state(START + SECOND)).isEqualTo(State.UP);
        assertThat(health.acquire(START + SECOND)).isEqualTo(Permit.NORMAL);
    }

    @Test
    void healthyProbeOnAPassivelyDownUpstreamMakesItHalfOpenBeforeTheCooldownEnds() {
        UpstreamHealth health = ejectedAt(START);
        long during = START + SECOND;

        boolean ejected = health.probed(true, during);

        assertThat(ejected).isFalse();
        assertThat(health.state(during)).isEqualTo(State.HALF_OPEN);
        assertThat(health.acquire(during)).isEqualTo(Permit.TRIAL);
        assertThat(health.acquire(during)).isEqualTo(Permit.NONE);
    }

    @Test
    void ejectionsCountPassiveTrialAndProbeEjections() {
        UpstreamHealth health = ejectedAt(START);
        long cooled = START + COOLDOWN_NANOS;
        health.record(health.acquire(cooled), false, cooled);
        long cooledAgain = cooled + COOLDOWN_NANOS;
        health.record(health.acquire(cooledAgain), true, cooledAgain);

        health.probed(false, cooledAgain + SECOND);

        assertThat(health.ejections()).isEqualTo(3);
    }

    @Test
    void nanosUntilAdmittingIsZeroWhileUp() {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);

        long nanos = health.nanosUntilAdmitting(START, FALLBACK);

        assertThat(nanos).isZero();
    }

    @Test
    void nanosUntilAdmittingCountsDownTheCooldown() {
        UpstreamHealth health = ejectedAt(START);

        List<Long> nanos = List.of(health.nanosUntilAdmitting(START, FALLBACK),
                health.nanosUntilAdmitting(START + 3 * SECOND, FALLBACK),
                health.nanosUntilAdmitting(START + COOLDOWN_NANOS, FALLBACK));

        assertThat(nanos).containsExactly(COOLDOWN_NANOS, 7 * SECOND, 0L);
    }

    @Test
    void nanosUntilAdmittingIsTheFallbackWhileATrialIsUnderWay() {
        UpstreamHealth health = ejectedAt(START);
        long cooled = START + COOLDOWN_NANOS;
        health.acquire(cooled);

        long nanos = health.nanosUntilAdmitting(cooled, FALLBACK);

        assertThat(nanos).isEqualTo(FALLBACK);
    }

    @Test
    void nanosUntilAdmittingIsTheFallbackAfterAFailedProbe() {
        UpstreamHealth health = ejectedAt(START);
        health.probed(false, START);

        long nanos = health.nanosUntilAdmitting(START + SECOND, FALLBACK);

        assertThat(nanos).isEqualTo(FALLBACK);
    }

    @Test
    void stateLabelsAreTheAdminApiNames() {
        List<String> labels = List.of(State.UP.label(), State.DOWN.label(), State.HALF_OPEN.label());

        assertThat(labels).containsExactly("up", "down", "half-open");
    }

    /** Returns health ejected by five failures at {@code now}. */
    private static UpstreamHealth ejectedAt(long now) {
        UpstreamHealth health = new UpstreamHealth(HALF_OF_FIVE);
        List<Boolean> ejected = fail(health, 5, now);
        assertThat(ejected).containsExactly(false, false, false, false, true);
        return health;
    }

    /** Takes one permit and records its outcome at once; returns whether that ejected the upstream. */
    private static boolean outcome(UpstreamHealth health, boolean success, long now) {
        Permit permit = health.acquire(now);
        assertThat(permit).isEqualTo(Permit.NORMAL);
        return health.record(permit, success, now);
    }

    private static List<Boolean> fail(UpstreamHealth health, int attempts, long now) {
        List<Boolean> ejected = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            ejected.add(outcome(health, false, now));
        }
        return ejected;
    }

    private static void succeed(UpstreamHealth health, int attempts, long now) {
        for (int i = 0; i < attempts; i++) {
            outcome(health, true, now);
        }
    }

    private static List<Permit> acquire(UpstreamHealth health, int permits, long now) {
        List<Permit> taken = new ArrayList<>();
        for (int i = 0; i < permits; i++) {
            taken.add(health.acquire(now));
        }
        assertThat(taken).containsOnly(Permit.NORMAL);
        return taken;
    }
}
