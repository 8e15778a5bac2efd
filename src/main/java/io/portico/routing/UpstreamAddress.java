package io.portico.routing;

import java.net.URI;

/**
 * One upstream of a route as configured: its base URL and its share of the route's traffic.
 *
 * @param base the base URL the request path is appended to
 * @param weight the upstream's relative share of traffic, 1 to {@link #MAX_WEIGHT}
 */
public record UpstreamAddress(URI base, int weight) {

    public static final int MAX_WEIGHT = 100;

    public UpstreamAddress {
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be 1 to " + MAX_WEIGHT);
        }
    }

    /** Returns the host and port, as metrics and logs name the upstream. */
    public String authority() {
        return base.getRawAuthority();
    }

    @Override
    public String toString() {
        return weight == 1 ? base.toString() : base + ";weight=" + weight;
    }
}
