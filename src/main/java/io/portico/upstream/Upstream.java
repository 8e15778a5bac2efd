package io.portico.upstream;

import io.portico.routing.UpstreamAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** One upstream of one route at run time: its address, its health and the requests it has in flight. */
public final class Upstream {

    /** Told when an upstream is ejected, by its failures or by a probe. */
    public interface EjectionListener {
        void ejected(Upstream upstream, String cause);
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
        }
    }

    /** Records a probe's verdict. */
    public void probed(boolean healthy, long now) {
        if (health.probed(healthy, now)) {
            listener.ejected(this, "health check");
        }
    }

    @Override
    public String toString() {
        return address.authority();
    }
}
