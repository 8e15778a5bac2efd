package io.portico.upstream;

import java.time.Duration;

/**
 * An active health check: a path of each upstream probed with GET at an interval.
 *
 * @param path the path probed, starting with {@code /}, appended to the upstream's base URL
 * @param interval the time between the end of one probe and the start of the next
 * @param timeout the longest a probe waits for a connection and for the answer
 */
public record HealthCheck(String path, Duration interval, Duration timeout) {

    /** Returns whether a probe's status says the upstream is healthy: 2xx or 3xx. */
    public static boolean healthy(int status) {
        return status >= 200 && status < 400;
    }
}
