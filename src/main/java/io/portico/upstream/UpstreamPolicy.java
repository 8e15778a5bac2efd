package io.portico.upstream;

import java.util.Optional;

/**
 * How one route balances, watches and retries its upstreams.
 *
 * @param balancing how an upstream is picked
 * @param health when an upstream is ejected by its failures
 * @param check the active health check, if configured
 * @param retry which failures are retried on another upstream
 */
public record UpstreamPolicy(Balancing balancing, HealthPolicy health, Optional<HealthCheck> check,
        RetryPolicy retry) {
}
