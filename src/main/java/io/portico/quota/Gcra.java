package io.portico.quota;

/**
 * The generic cell rate algorithm (GCRA), the rate limiter of ATM networks and of several gateways: a budget is one
 * timestamp, the theoretical arrival time (TAT) of the next request. Each allowed request moves it one emission
 * interval {@code T = period / requests} later; a request is allowed while the TAT stays within
 * {@code requests * T} of now (the period, but for {@code T} rounded up to whole microseconds). It allows
 * {@code requests} at once after a quiet period and then one per {@code T}, so no window boundary ever lets twice
 * the limit through, and the time until the next allowed request is exact.
 */
public final class Gcra {

    /**
     * A step of the algorithm.
     *
     * @param tat the theoretical arrival time to store, in epoch microseconds
     * @param decision the outcome for the request
     */
    public record Step(long tat, QuotaDecision decision) {
    }

    private Gcra() {
    }

    /**
     * Takes one request at {@code nowMicros} from the budget whose stored TAT is {@code storedTat}, or null for a
     * full budget. Pure: the caller stores the returned TAT atomically.
     */
    public static Step take(Long storedTat, long nowMicros, QuotaLimit limit) {
        long interval = limit.emissionIntervalMicros();
        // Not the period itself: with T rounded up, requests x T exceeds it by a few microseconds, and a tolerance
        // of just the period would let one request fewer than the limit through at once.
        long tolerance = limit.requests() * interval;
        long tat = storedTat == null ? nowMicros : Math.max(storedTat, nowMicros);
        long nextTat = tat + interval;
        long allowedAt = nextTat - tolerance;
        if (nowMicros < allowedAt) {
            return new Step(tat, new QuotaDecision(false, 0, allowedAt - nowMicros, tat - nowMicros));
        }
        long remaining = (tolerance - (nextTat - nowMicros)) / interval;
        return new Step(nextTat, new QuotaDecision(true, remaining, 0, nextTat - nowMicros));
    }
}
