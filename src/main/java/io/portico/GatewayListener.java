package io.portico;

import io.portico.cache.CacheRuntime;
import io.portico.config.MicroProfileSettings;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import io.portico.observe.Observation;
import io.portico.quota.QuotaRuntime;
import io.portico.store.JCacheStores;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Loads the configuration when the application deploys, failing the deployment when it is invalid, and opens and
 * closes what lives as long as the application: the quota and response stores.
 */
@WebListener
public final class GatewayListener implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(GatewayListener.class.getName());

    /** The server's application metrics registry, where it has one. */
    @Inject
    Instance<MetricRegistry> metricRegistries;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Gateway gateway = Gateway.load(new MicroProfileSettings(ConfigProvider.getConfig()));
        gateway.attachTo(event.getServletContext());
        Observation.start(event.getServletContext(), metricRegistries);
        QuotaRuntime.start(gateway.quota(), event.getServletContext());
        CacheRuntime.start(gateway.cache(), event.getServletContext());
        LOG.info(() -> "Portico loaded " + gateway.routes().routes().size() + " routes: " + gateway.routes().routes()
                .stream().map(route -> route.id() + " " + route.path()).toList());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        CacheRuntime.stop(event.getServletContext());
        QuotaRuntime.stop(event.getServletContext());
        JCacheStores.localManager(event.getServletContext().getClassLoader()).close();
    }
}
