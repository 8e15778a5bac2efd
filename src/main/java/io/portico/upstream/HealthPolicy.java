package io.portico.upstream;

import java.time.Duration;

/**
 * When an upstream is ejected from its route's rotation by what its answers show (passive health).
 *
 * @param failureRatio the share of failed attempts within the window at which the upstream is ejected
 * @param minRequests the fewest attempts within the window before their share counts
 * @param window how far back attempts count
 * @param cooldown how long an ejected upstream gets no traffic before a trial request
 */
public record HealthPolicy(double failureRatio, int minRequests, Duration window, Duration cooldown) {

    public HealthPolicy {
        if (!(failureRatio > 0 && failureRatio <= 1) || minRequests < 1 || window.isNegative() || window.isZero()
                || cooldown.isNegative() || cooldown.isZero()) {
            throw new IllegalArgumentException("invalid health policy");
        }
    }
}
