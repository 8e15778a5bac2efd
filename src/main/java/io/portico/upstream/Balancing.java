package io.portico.upstream;

import java.util.Locale;

/** How a route picks the upstream for a request among those that admit traffic. */
public enum Balancing {

    /** Each in turn, as often as its weight says, spread evenly (smooth weighted round robin). */
    ROUND_ROBIN,
    /** The one with the fewest requests in flight per unit of weight; ties in turn. */
    LEAST_IN_FLIGHT;

    /** Returns the name used in configuration, such as {@code least-in-flight}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
