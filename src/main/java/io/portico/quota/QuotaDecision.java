package io.portico.quota;

import java.io.Serializable;

/**
 * The outcome of taking one request from a budget.
 *
 * @param allowed whether the request may pass
 * @param remaining how many more requests the budget allows right now
 * @param retryAfterMicros when refused, how long until one request is allowed again; else 0
 * @param resetMicros how long until the whole budget is back
 */
public record QuotaDecision(boolean allowed, long remaining, long retryAfterMicros, long resetMicros)
        implements Serializable {

    /** Returns {@code retryAfterMicros} in whole seconds, rounded up so that waiting that long is enough. */
    public long retryAfterSeconds() {
        return ceilSeconds(retryAfterMicros);
    }

    /** Returns {@code resetMicros} in whole seconds, rounded up. */
    public long resetSeconds() {
        return ceilSeconds(resetMicros);
    }

    private static long ceilSeconds(long micros) {
        return (micros + 999_999) / 1_000_000;
    }
}
