package io.portico.observe;

import jakarta.enterprise.inject.Instance;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Where finished exchanges go: metrics (when the server has them), live statistics and the access log. */
public final class Observation {

    private static final Logger LOG = Logger.getLogger(Observation.class.getName());
    private static final String ATTRIBUTE = Observation.class.getName();

    private final GatewayMetrics metrics;
    private final LiveStats stats = new LiveStats();

    private Observation(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** Starts observation for the application. */
    public static void start(ServletContext context, Instance<MetricRegistry> registries) {
        GatewayMetrics metrics = GatewayMetrics.fromServer(registries);
        if (metrics == null) {
            LOG.warning("This server offers no MicroProfile Metrics registry: Portico publishes no metrics there; "
                    + "the admin API's statistics and the access log still work.");
        }
        context.setAttribute(ATTRIBUTE, new Observation(metrics));
    }

    public static Observation from(ServletContext context) {
        return (Observation) context.getAttribute(ATTRIBUTE);
    }

    public LiveStats stats() {
        return stats;
    }

    /** Records a finished exchange everywhere it is published. */
    void finish(Exchange exchange, HttpServletRequest request, int status, long bytesOut) {
        long totalNanos = System.nanoTime() - exchange.startNanos;
        long bytesIn = request.getContentLengthLong();
        if (metrics != null) {
            metrics.record(exchange, request.getMethod(), status, totalNanos, bytesIn, bytesOut);
        }
        stats.record(exchange, status, totalNanos);
        AccessLog.write(exchange, request.getMethod(), request.getRequestURI(), status, totalNanos,
                request.getRemoteAddr(), bytesIn, bytesOut);
    }

    /**
     * Records a request the server refused before any filter ran (a bearer token MicroProfile JWT refused), and
     * returns its response wrapped to carry the request id, which the answer written to it keeps through a reset.
     */
    public HttpServletResponse refusedByServer(HttpServletRequest request, HttpServletResponse response, int status,
            String reason) {
        Exchange exchange = new Exchange(RequestIds.keepOrCreate(request.getHeader("X-Request-Id")),
                TraceContext.continueOrStart(request.getHeader("traceparent"), null));
        exchange.authFailure(reason);
        finish(exchange, request, status, 0);
        return new CountingResponse(response, exchange.requestId);
    }
}
