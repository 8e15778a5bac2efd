package io.portico.upstream;

import io.portico.routing.Route;
import io.portico.routing.UpstreamAddress;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * The upstream pools of every route, with their health, for as long as the application is deployed; started and
 * stopped by the application's listener and shared through the servlet context.
 */
public final class UpstreamRuntime {

    private static final Logger LOG = Logger.getLogger(UpstreamRuntime.class.getName());
    private static final String ATTRIBUTE = UpstreamRuntime.class.getName();

    private final Map<String, UpstreamPool> pools;
    private final HealthProbes probes;

    private UpstreamRuntime(Map<String, UpstreamPool> pools, HealthProbes probes) {
        this.pools = pools;
        this.probes = probes;
    }

    /**
     * Builds every route's pool, starts the active health checks on {@code executor} and attaches the runtime to
     * {@code context}; {@code listener} hears of every ejection.
     */
    public static UpstreamRuntime start(List<Route> routes, UpstreamConfig config, ScheduledExecutorService executor,
            Upstream.EjectionListener listener, ServletContext context) {
        Map<String, UpstreamPool> pools = new LinkedHashMap<>();
        Upstream.EjectionListener logged = new Upstream.EjectionListener() {
            @Override
            public void ejected(Upstream upstream, String cause) {
                LOG.warning(() -> "Upstream " + upstream + " of route " + upstream.routeId() + " ejected by " + cause);
                listener.ejected(upstream, cause);
            }

            @Override
            public void restored(Upstream upstream) {
                LOG.info(() -> "Upstream " + upstream + " of route " + upstream.routeId() + " is up again");
            }
        };
        for (Route route : routes) {
            UpstreamPolicy policy = config.policies().get(route.id());
            List<Upstream> members = new ArrayList<>();
            for (UpstreamAddress address : route.upstreams()) {
                members.add(new Upstream(route.id(), address, policy.health(), logged));
            }
            pools.put(route.id(), new UpstreamPool(route.id(), members, policy));
        }
        HealthProbes probes = new HealthProbes(pools.values(), executor);
        UpstreamRuntime runtime = new UpstreamRuntime(Map.copyOf(pools), probes);
        context.setAttribute(ATTRIBUTE, runtime);
        return runtime;
    }

    public static UpstreamRuntime from(ServletContext context) {
        return (UpstreamRuntime) context.getAttribute(ATTRIBUTE);
    }

    /** Returns whether some route has an active health check, and so needs a scheduler. */
    public static boolean needsScheduler(UpstreamConfig config) {
        return config.policies().values().stream().anyMatch(policy -> policy.check().isPresent());
    }

    public UpstreamPool pool(String routeId) {
        return pools.get(routeId);
    }

    /** Returns every pool, in no particular order. */
    public java.util.Collection<UpstreamPool> pools() {
        return pools.values();
    }

    /** Stops the health checks. */
    public static void stop(ServletContext context) {
        UpstreamRuntime runtime = from(context);
        if (runtime != null) {
            runtime.probes.stop();
        }
    }
}
