package io.portico.upstream;

import java.util.Arrays;
import java.util.Locale;

/**
 * The health of one upstream, a circuit breaker fed by the outcomes of real requests (passive health) and, when
 * configured, by probes (active health).
 *
 * <p>While {@link State#UP}, outcomes are counted in a sliding window of ten buckets; once at least
 * {@code minRequests} attempts fall in the window and failures reach {@code failureRatio} of them, the upstream is
 * {@link State#DOWN} for the cooldown. Then it is {@link State#HALF_OPEN}: one trial request at a time, whose
 * success brings it up and whose failure takes it down for another cooldown. A failed probe holds it down until a
 * probe succeeds. Thread-safe; every method takes the time as {@link System#nanoTime()} does.
 */
public final class UpstreamHealth {

    /** Where the upstream stands. */
    public enum State {
        UP, DOWN, HALF_OPEN;

        /** Returns the name the admin API shows, such as {@code half-open}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What a request was allowed: nothing, a normal attempt, or the one trial of a half-open upstream. */
    public enum Permit {
        NONE, NORMAL, TRIAL
    }

    private static final int BUCKETS = 10;

    private final HealthPolicy policy;
    private final long bucketNanos;
    private final long[] bucketNumbers = new long[BUCKETS];
    private final int[] successes = new int[BUCKETS];
    private final int[] failures = new int[BUCKETS];
    private State state = State.UP;
    private long downUntil;
    private boolean trialInFlight;
    private boolean probeFailed;
    private long ejections;
    /** Normal attempts under way. */
    private int normalInFlight;
    /** Normal attempts begun before the last ejection and not ended yet: their outcomes do not count. */
    private int staleInFlight;

    public UpstreamHealth(HealthPolicy policy) {
        this.policy = policy;
        this.bucketNanos = Math.max(1, policy.window().toNanos() / BUCKETS);
        Arrays.fill(bucketNumbers, Long.MIN_VALUE);
    }

    /** Returns whether {@link #acquire} would give a permit now. */
    public synchronized boolean admits(long now) {
        advance(now);
        return !probeFailed && (state == State.UP || state == State.HALF_OPEN && !trialInFlight);
    }

    /** Takes a permit for one attempt, or {@link Permit#NONE} when the upstream takes no traffic now. */
    public synchronized Permit acquire(long now) {
        if (!admits(now)) {
            return Permit.NONE;
        }
        if (state == State.HALF_OPEN) {
            trialInFlight = true;
            return Permit.TRIAL;
        }
        normalInFlight++;
        return Permit.NORMAL;
    }

    /**
     * Records the outcome of an attempt made with {@code permit}; returns whether it ejected the upstream. Outcomes
     * of attempts begun before an ejection do not count.
     */
    public synchronized boolean record(Permit permit, boolean success, long now) {
        advance(now);
        if (permit == Permit.TRIAL) {
            trialInFlight = false;
            if (state == State.HALF_OPEN) {
                return success ? up() : down(now);
            }
            return false;
        }
        if (permit != Permit.NORMAL || endNormal() || state != State.UP) {
            return false;
        }
        int slot = slot(now);
        if (success) {
            successes[slot]++;
            return false;
        }
        failures[slot]++;
        int failed = sum(failures, now);
        int total = failed + sum(successes, now);
        return total >= policy.minRequests() && failed >= policy.failureRatio() * total && down(now);
    }

    /** Ends an attempt whose outcome says nothing about the upstream (the client went away, say). */
    public synchronized void release(Permit permit) {
        if (permit == Permit.TRIAL) {
            trialInFlight = false;
        } else if (permit == Permit.NORMAL) {
            endNormal();
        }
    }

    /**
     * Ends a normal attempt; returns whether its outcome is stale. Which attempt began before the ejection is not
     * tracked one by one: as many outcomes as were under way then are ignored, which keeps the count right.
     */
    private boolean endNormal() {
        normalInFlight = Math.max(0, normalInFlight - 1);
        if (staleInFlight > 0) {
            staleInFlight--;
            return true;
        }
        return false;
    }

    /** Records a probe's verdict; returns whether it ejected the upstream. */
    public synchronized boolean probed(boolean healthy, long now) {
        advance(now);
        boolean wasAdmitting = !probeFailed && state != State.DOWN;
        probeFailed = !healthy;
        if (healthy && state == State.DOWN) {
            state = State.HALF_OPEN;
        }
        if (!healthy && wasAdmitting) {
            ejections++;
            return true;
        }
        return false;
    }

    public synchronized State state(long now) {
        advance(now);
        return probeFailed ? State.DOWN : state;
    }

    /** Returns how many times the upstream was ejected. */
    public synchronized long ejections() {
        return ejections;
    }

    /** Returns the share of failed attempts in the window, 0 when there were none. */
    public synchronized double failureRatio(long now) {
        advance(now);
        int failed = sum(failures, now);
        int total = failed + sum(successes, now);
        return total == 0 ? 0 : (double) failed / total;
    }

    /**
     * Returns how long until the upstream may take traffic again, at least zero; {@code fallback} when only a probe
     * can tell (a failed probe) or a trial is under way.
     */
    public synchronized long nanosUntilAdmitting(long now, long fallback) {
        advance(now);
        if (probeFailed || state == State.HALF_OPEN && trialInFlight) {
            return fallback;
        }
        return state == State.DOWN ? Math.max(0, downUntil - now) : 0;
    }

    private boolean up() {
        state = State.UP;
        clearWindow();
        return false;
    }

    private boolean down(long now) {
        state = State.DOWN;
        downUntil = now + policy.cooldown().toNanos();
        ejections++;
        staleInFlight = normalInFlight;
        clearWindow();
        return true;
    }

    /** Moves a down upstream whose cooldown has passed to half-open. */
    private void advance(long now) {
        if (state == State.DOWN && now - downUntil >= 0) {
            state = State.HALF_OPEN;
        }
    }

    private int slot(long now) {
        long number = Math.floorDiv(now, bucketNanos);
        int slot = (int) Math.floorMod(number, (long) BUCKETS);
        if (bucketNumbers[slot] != number) {
            bucketNumbers[slot] = number;
            successes[slot] = 0;
            failures[slot] = 0;
        }
        return slot;
    }

    /** Returns the sum of {@code counts} over the buckets still inside the window at {@code now}. */
    private int sum(int[] counts, long now) {
        long oldest = Math.floorDiv(now, bucketNanos) - BUCKETS;
        int total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (bucketNumbers[i] > oldest) {
                total += counts[i];
            }
        }
        return total;
    }

    private void clearWindow() {
        Arrays.fill(successes, 0);
        Arrays.fill(failures, 0);
    }
}
