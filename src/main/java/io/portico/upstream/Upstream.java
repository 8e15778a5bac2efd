package io.portico.upstream;

import io.portico.routing.UpstreamAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** One upstream of one route at run time: its address, its health and the requests it has in flight. */
public final class Upstream {

    /** Told when an upstream is ejected, by its failures or by a probe, and when it is up again. */
    public interface EjectionListener {
        void ejected(Upstream upstream, String cause);

        /** Called when an upstream that was down or half-open is up again; nothing by default. */
        default void restored(Upstream upstream) {
        }
    }

    private final String routeId;
    private final UpstreamAddress address;
    private final UpstreamHealth health;
    private final EjectionListener listener;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Upstream(String routeId, UpstreamAddress address, HealthPolicy policy, EjectionListener listener) {
        this.routeId = routeId;
        this.address = address;
        this.health = new UpstreamHealth(policy);
        this.listener = listener;
    }

    public String routeId() {
        return routeId;
    }

    public UpstreamAddress address() {
        return address;
    }

    public UpstreamHealth health() {
        return health;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Returns a lease for one attempt on this upstream, or null when it takes no traffic now. */
    Lease lease(long now) {
        UpstreamHealth.Permit permit = health.acquire(now);
        if (permit == UpstreamHealth.Permit.NONE) {
            return null;
        }
        inFlight.incrementAndGet();
        return new Lease(this, permit);
    }

    void ended(UpstreamHealth.Permit permit, Boolean success, long now) {
        inFlight.decrementAndGet();
        if (success == null) {
            health.release(permit);
        } else if (health.record(permit, success, now)) {
            listener.ejected(this, "failures");
        } else if (permit == UpstreamHealth.Permit.TRIAL && success) {
            listener.restored(this);
        }
    }

    /** Records a probe's verdict. */
    public void probed(boolean healthy, long now) {
        boolean wasUp = health.state(now) == UpstreamHealth.State.UP;
        if (health.probed(healthy, now)) {
            listener.ejected(this, "health check");
        } else if (!wasUp && health.state(now) == UpstreamHealth.State.UP) {
            listener.restored(this);
        }
    }

    @Override
    public String toString() {
        return address.authority();
    }
}
