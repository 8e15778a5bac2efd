package io.portico.observe;

import io.portico.upstream.Upstream;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Where finished exchanges go: metrics (when the server has them), live statistics and the access log. */
public final class Observation {

    private static final Logger LOG = Logger.getLogger(Observation.class.getName());
    private static final String ATTRIBUTE = Observation.class.getName();

    private final GatewayMetrics metrics;
    private final LiveStats stats = new LiveStats();
    private final AtomicBoolean metricsFailed = new AtomicBoolean();

    private Observation(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** Starts observation for the application, with the metrics registry the server offers, if any. */
    public static void start(ServletContext context) {
        GatewayMetrics metrics = serverMetrics(context.getClassLoader());
        if (metrics == null) {
            LOG.warning("This server offers neither a MicroProfile Metrics nor a Micrometer registry: Portico "
                    + "publishes no metrics there; the admin API's statistics and the access log still work.");
        } else {
            LOG.info(() -> "Portico publishes its metrics through " + metrics.getClass().getSimpleName());
        }
        context.setAttribute(ATTRIBUTE, new Observation(metrics));
    }

    /**
     * Returns the server's MicroProfile Metrics registry, or else its Micrometer registry, or null. Each is looked
     * up only where its API is visible, so that a server without it never loads the class that names it.
     */
    private static GatewayMetrics serverMetrics(ClassLoader loader) {
        if (visible("org.eclipse.microprofile.metrics.MetricRegistry", loader)) {
            GatewayMetrics metrics = CDI.current().select(MicroProfileMetricsSource.class).get().metrics();
            if (metrics != null) {
                return metrics;
            }
        }
        if (visible("io.micrometer.core.instrument.MeterRegistry", loader)) {
            return CDI.current().select(MicrometerMetricsSource.class).get().metrics();
        }
        return null;
    }

    private static boolean visible(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public static Observation from(ServletContext context) {
        return (Observation) context.getAttribute(ATTRIBUTE);
    }

    public LiveStats stats() {
        return stats;
    }

    /** Publishes the state and load of {@code upstream} as gauges, where the server has metrics. */
    public void watchUpstream(Upstream upstream) {
        if (metrics != null) {
            metrics.watchUpstream(upstream);
        }
    }

    /** Counts an ejection of {@code upstream}; {@code cause} is already logged. */
    public void upstreamEjected(Upstream upstream, String cause) {
        if (metrics != null) {
            metrics.upstreamEjected(upstream);
        }
    }

    /** Records a finished exchange everywhere it is published. */
    void finish(Exchange exchange, HttpServletRequest request, int status, long bytesOut) {
        long totalNanos = System.nanoTime() - exchange.startNanos;
        long bytesIn = request.getContentLengthLong();
        if (metrics != null) {
            record(exchange, request.getMethod(), status, totalNanos, bytesIn, bytesOut);
        }
        stats.record(exchange, status, totalNanos);
        AccessLog.write(exchange, request.getMethod(), request.getRequestURI(), status, totalNanos,
                request.getRemoteAddr(), bytesIn, bytesOut);
    }

    /** Records the exchange in the server's metrics; a registry that fails costs the metric, never the answer. */
    private void record(Exchange exchange, String method, int status, long totalNanos, long bytesIn, long bytesOut) {
        try {
            metrics.record(exchange, method, status, totalNanos, bytesIn, bytesOut);
        } catch (RuntimeException | LinkageError e) {
            if (!metricsFailed.getAndSet(true)) {
                LOG.log(Level.WARNING, "The server's metrics registry failed; Portico goes on without it", e);
            }
        }
    }
}
