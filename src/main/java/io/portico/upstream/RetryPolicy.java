package io.portico.upstream;

import java.time.Duration;
import java.util.Set;

/**
 * Which failed attempts are tried again on another upstream. Only idempotent methods (RFC 9110, 9.2.2) are
 * retried, only before any byte of the request body was read (so no body is ever replayed), at most
 * {@code retries} times and never later than {@code timeLimit} after the request began.
 *
 * @param retries the most extra attempts for one request
 * @param statuses upstream statuses that are retried like a connection failure, such as 502, 503, 504
 * @param timeLimit the latest, from the request's start, that a retry may begin
 */
public record RetryPolicy(int retries, Set<Integer> statuses, Duration timeLimit) {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    public RetryPolicy {
        statuses = Set.copyOf(statuses);
    }

    /**
     * Returns whether a request may be tried again after {@code attempts} attempts.
     *
     * @param method the request method
     * @param attempts attempts made so far, the failed one included
     * @param elapsedNanos time since the request began
     * @param bodyRead whether any byte of the client's body was read
     */
    public boolean allows(String method, int attempts, long elapsedNanos, boolean bodyRead) {
        return IDEMPOTENT.contains(method) && !bodyRead && attempts <= retries && elapsedNanos < timeLimit.toNanos();
    }

    /** Returns whether an upstream answer with {@code status} is retried. */
    public boolean retriesStatus(int status) {
        return statuses.contains(status);
    }
}
