package io.portico.dispatch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests being forwarded so that a stopping gateway can let them finish: once {@link #drain} starts,
 * new requests are turned away and it waits until the last one in flight ends or the grace period is over.
 */
final class InFlightRequests {

    private static final long POLL_MILLIS = 20;

    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean draining;

    /** Counts a request in; false when the gateway is draining and the request must be turned away. */
    boolean enter() {
        if (draining) {
            return false;
        }
        active.incrementAndGet();
        if (draining) {
            active.decrementAndGet();
            return false;
        }
        return true;
    }

    void exit() {
        active.decrementAndGet();
    }

    int active() {
        return active.get();
    }

    /** Turns new requests away and waits up to {@code grace} for those in flight; returns how many remain. */
    int drain(Duration grace) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (active.get() > 0 && deadline - System.nanoTime() > 0) {
            Thread.sleep(POLL_MILLIS);
        }
        return active.get();
    }
}
