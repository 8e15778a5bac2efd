package io.portico.observe;

import io.portico.upstream.Upstream;
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
        finish(exchange, request, request.getRequestURI(), status, bytesOut);
    }

    private void finish(Exchange exchange, HttpServletRequest request, String path, int status, long bytesOut) {
        long totalNanos = System.nanoTime() - exchange.startNanos;
        long bytesIn = request.getContentLengthLong();
        if (metrics != null) {
            metrics.record(exchange, request.getMethod(), status, totalNanos, bytesIn, bytesOut);
        }
        stats.record(exchange, status, totalNanos);
        AccessLog.write(exchange, request.getMethod(), path, status, totalNanos,
                request.getRemoteAddr(), bytesIn, bytesOut);
    }

    /**
     * Starts observing a request the server refused before any filter ran (a bearer token MicroProfile JWT
     * refused): the answer goes through {@link Refusal#response()}, which keeps the request id through a reset,
     * and {@link Refusal#finish} publishes the exchange once it is written.
     */
    public Refusal refusedByServer(HttpServletRequest request, HttpServletResponse response, String reason) {
        Exchange exchange = new Exchange(RequestIds.keepOrCreate(request.getHeader("X-Request-Id")),
                TraceContext.continueOrStart(request.getHeader("traceparent"), null));
        exchange.authFailure(reason);
        return new Refusal(exchange, new CountingResponse(response, exchange.requestId));
    }

    /** An answer the server gives on its own, observed like any exchange. */
    public final class Refusal {

        private final Exchange exchange;
        private final CountingResponse response;

        private Refusal(Exchange exchange, CountingResponse response) {
            this.exchange = exchange;
            this.response = response;
        }

        public HttpServletResponse response() {
            return response;
        }

        /** Publishes the exchange, with the path the client asked for, not the error page's. */
        public void finish(HttpServletRequest request, String clientPath) {
            Observation.this.finish(exchange, request, clientPath, response.getStatus(), response.bytes());
        }
    }
}
