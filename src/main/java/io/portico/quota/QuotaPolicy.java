package io.portico.quota;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies routes' budgets: picks the key and the limit (a consumer's own plan overrides the route's), and takes
 * one request from the store. When the store fails it says so once in the log and counts every failure.
 * Thread-safe.
 */
public final class QuotaPolicy {

    private static final Logger LOG = Logger.getLogger(QuotaPolicy.class.getName());

    private final QuotaConfig config;
    private final QuotaStore store;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AtomicLong storeFailures = new AtomicLong();

    public QuotaPolicy(QuotaConfig config, QuotaStore store) {
        this.config = config;
        this.store = store;
    }

    public Optional<RouteQuota> forRoute(String routeId) {
        return Optional.ofNullable(config.routes().get(routeId));
    }

    public QuotaConfig config() {
        return config;
    }

    /** Takes one request from the budget that {@code caller} has on {@code quota}'s route. */
    public QuotaOutcome take(RouteQuota quota, QuotaCaller caller, long nowMicros) {
        RouteQuota applied = withPlan(quota, caller);
        try {
            return new QuotaOutcome(applied, Optional.of(store.take(storeKey(applied, caller), applied.limit(),
                    nowMicros)));
        } catch (RuntimeException e) {
            storeFailures.incrementAndGet();
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "The quota store failed; failing " + (config.failOpen() ? "open" : "closed")
                        + " until it answers again. Later failures are counted, not logged.", e);
            }
            return new QuotaOutcome(applied, Optional.empty());
        }
    }

    /** Closes the store. */
    public void close() {
        store.close();
    }

    /** Returns how many times the store has failed since deployment. */
    public long storeFailures() {
        return storeFailures.get();
    }

    private RouteQuota withPlan(RouteQuota quota, QuotaCaller caller) {
        if (quota.key().kind() != QuotaKey.Kind.CONSUMER || caller.consumer().isEmpty()) {
            return quota;
        }
        QuotaLimit plan = config.plans().get(caller.consumer().get());
        return plan == null ? quota : new RouteQuota(quota.routeId(), plan, quota.key());
    }

    /** Returns the store key: route, kind and value, so that budgets of different routes never mix. */
    static String storeKey(RouteQuota quota, QuotaCaller caller) {
        // Values are tagged with what they are, so that a header value never spends a client address's budget.
        String address = "ip:" + caller.clientAddress();
        String value = switch (quota.key().kind()) {
            case CONSUMER -> caller.consumer().map(consumer -> "consumer:" + consumer).orElse(address);
            case IP -> address;
            case ROUTE -> "route";
            case HEADER -> caller.header().map(header -> "header:" + header).orElse(address);
        };
        return quota.routeId() + '\n' + value;
    }
}
