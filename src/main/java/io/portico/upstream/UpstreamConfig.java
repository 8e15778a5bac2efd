package io.portico.upstream;

import java.time.Duration;
import java.util.Map;

/**
 * How every route treats its upstreams, and how long a stopping gateway waits for requests in flight.
 *
 * @param policies each route's policy by route id
 * @param shutdownGrace the longest wait for requests in flight at undeployment
 */
public record UpstreamConfig(Map<String, UpstreamPolicy> policies, Duration shutdownGrace) {

    public UpstreamConfig {
        policies = Map.copyOf(policies);
    }
}
