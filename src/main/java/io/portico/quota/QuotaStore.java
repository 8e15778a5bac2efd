package io.portico.quota;

/** Where budgets live: one stored timestamp per key, updated atomically. */
public interface QuotaStore extends AutoCloseable {

    /**
     * Takes one request from the budget of {@code key}, atomically even across threads and cluster members.
     *
     * @throws RuntimeException when the store cannot be reached; the caller decides to fail open or closed
     */
    QuotaDecision take(String key, QuotaLimit limit, long nowMicros);

    @Override
    void close();
}
