package io.portico;

import io.portico.cache.CacheRuntime;
import io.portico.config.MicroProfileSettings;
import io.portico.observe.Observation;
import io.portico.quota.QuotaRuntime;
import io.portico.store.JCacheStores;
import io.portico.upstream.UpstreamRuntime;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Loads the configuration when the application deploys, failing the deployment when it is invalid, and opens and
 * closes what lives as long as the application: the quota and response stores.
 */
@WebListener
public final class GatewayListener implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(GatewayListener.class.getName());

    /** The server's scheduler, where it offers one, for active health checks. */
    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledExecutorService ownScheduler;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Gateway gateway = Gateway.load(new MicroProfileSettings(ConfigProvider.getConfig()));
        gateway.attachTo(event.getServletContext());
        Observation.start(event.getServletContext());
        QuotaRuntime.start(gateway.quota(), event.getServletContext());
        CacheRuntime.start(gateway.cache(), event.getServletContext());
        Observation observation = Observation.from(event.getServletContext());
        UpstreamRuntime upstreams = UpstreamRuntime.start(gateway.routes().routes(), gateway.upstreams(),
                scheduler(gateway), observation::upstreamEjected, event.getServletContext());
        upstreams.pools().forEach(pool -> pool.members().forEach(observation::watchUpstream));
        LOG.info(() -> "Portico loaded " + gateway.routes().routes().size() + " route(s): " + gateway.routes().routes()
                .stream().map(route -> route.id() + " " + route.path()).toList());
    }

    /** Returns the server's scheduler, or one of the application's own where the server offers none. */
    private ScheduledExecutorService scheduler(Gateway gateway) {
        if (scheduler != null || !UpstreamRuntime.needsScheduler(gateway.upstreams())) {
            return scheduler;
        }
        ownScheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "portico-health-checks");
            thread.setDaemon(true);
            return thread;
        });
        return ownScheduler;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        UpstreamRuntime.stop(event.getServletContext());
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
        CacheRuntime.stop(event.getServletContext());
        QuotaRuntime.stop(event.getServletContext());
        JCacheStores.localManager(event.getServletContext().getClassLoader()).close();
    }
}
