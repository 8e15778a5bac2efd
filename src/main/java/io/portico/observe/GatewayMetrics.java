package io.portico.observe;

import io.portico.upstream.Upstream;
import io.portico.upstream.UpstreamHealth;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * What the gateway publishes as metrics, whatever registry the server offers: MicroProfile Metrics' application
 * registry ({@link MicroProfileMetrics}, Payara and Open Liberty) or Micrometer ({@link MicrometerMetrics},
 * WildFly, whose micrometer subsystem replaced MicroProfile Metrics). Tags stay bounded: route ids and upstreams
 * come from configuration, methods from a fixed list, statuses as classes; no path or consumer ever becomes a tag.
 * Durations are histograms in microseconds rather than timers, whose quantiles Payara 6 mislabels as seconds.
 */
public abstract class GatewayMetrics {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE");

    private final Map<String, LongConsumer> counters = new ConcurrentHashMap<>();
    private final Map<String, LongConsumer> histograms = new ConcurrentHashMap<>();

    /** Returns a counter's increment, registered once per name and tags. */
    protected abstract LongConsumer newCounter(String name, String description, String... tags);

    /** Returns a histogram's update, registered once per name and tags. */
    protected abstract LongConsumer newHistogram(String name, String description, String... tags);

    /** Registers a gauge read from {@code value}. */
    protected abstract void gauge(String name, String description, Supplier<Number> value, String... tags);

    /** Records one finished exchange. */
    void record(Exchange exchange, String method, int status, long totalNanos, long bytesIn, long bytesOut) {
        String route = exchange.route;
        counter("portico.requests", "Requests by route, method and status class.", "route", route, "method",
                METHODS.contains(method) ? method : "OTHER", "status_class", status / 100 + "xx").inc();
        histogram("portico.request.duration.microseconds", "Time from request to response, gateway included.",
                "route", route).update(totalNanos / 1000);
        if (exchange.upstreamNanos >= 0) {
            histogram("portico.upstream.duration.microseconds", "Time the upstream took to answer with headers.",
                    "route", route).update(exchange.upstreamNanos / 1000);
        }
        counter("portico.bytes.received", "Request body bytes received.", "route", route).inc(Math.max(0, bytesIn));
        counter("portico.bytes.sent", "Response body bytes sent.", "route", route).inc(bytesOut);
        if (exchange.cacheResult != null) {
            counter("portico.cache.results", "Cache lookups by result: hit, miss, stale, bypass; and stores.",
                    "route", route, "result", exchange.cacheResult).inc();
        }
        if (exchange.cacheStored) {
            counter("portico.cache.stores", "Responses stored by the cache.", "route", route).inc();
        }
        if (exchange.quotaRejected) {
            counter("portico.quota.rejections", "Requests refused with 429.", "route", route).inc();
        }
        if (exchange.authFailure != null) {
            counter("portico.auth.failures", "Requests refused with 401 or 403, by reason.", "route", route,
                    "reason", exchange.authFailure).inc();
        }
        if (exchange.attempts > 1) {
            counter("portico.upstream.retries", "Attempts made again on another upstream.", "route", route)
                    .inc(exchange.attempts - 1);
        }
        if (exchange.upstreamError != null) {
            counter("portico.upstream.errors", "Failed exchanges with upstreams: refused, timeout, broken.",
                    "route", route, "upstream", exchange.upstream, "kind", exchange.upstreamError).inc();
        }
    }

    /** Registers the gauges of one upstream: whether it takes traffic, and its requests in flight. */
    void watchUpstream(Upstream upstream) {
        String route = upstream.routeId();
        String authority = upstream.address().authority();
        gauge("portico.upstream.available", "1 while the upstream takes traffic (up or half-open), 0 while it is "
                + "ejected.", () -> upstream.health().state(System.nanoTime()) == UpstreamHealth.State.DOWN ? 0 : 1,
                "route", route, "upstream", authority);
        gauge("portico.upstream.in.flight", "Requests in flight to the upstream.", upstream::inFlight,
                "route", route, "upstream", authority);
    }

    void upstreamEjected(Upstream upstream) {
        counter("portico.upstream.ejections", "Times an upstream was ejected, by its failures or a health check.",
                "route", upstream.routeId(), "upstream", upstream.address().authority()).inc();
    }

    private Counted counter(String name, String description, String... tags) {
        return new Counted(counters.computeIfAbsent(key(name, tags), ignored -> newCounter(name, description, tags)));
    }

    private Counted histogram(String name, String description, String... tags) {
        return new Counted(histograms.computeIfAbsent(key(name, tags),
                ignored -> newHistogram(name, description, tags)));
    }

    private static String key(String name, String... tags) {
        return name + String.join("\u0000", tags);
    }

    /** A registered counter or histogram, as the record methods use it. */
    private record Counted(LongConsumer sink) {

        void inc() {
            sink.accept(1);
        }

        void inc(long amount) {
            sink.accept(amount);
        }

        void update(long value) {
            sink.accept(value);
        }
    }
}
