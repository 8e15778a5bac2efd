package io.portico.observe;

import io.portico.upstream.Upstream;
import io.portico.upstream.UpstreamHealth;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Publishes what happens in MicroProfile Metrics' application registry, read at the server's metrics endpoint
 * ({@code /metrics?scope=application} in Prometheus format). Tags stay bounded: route ids and upstreams come from
 * configuration, methods from a fixed list, statuses as classes; no path or consumer ever becomes a tag.
 * Durations are histograms in microseconds rather than timers, whose quantiles Payara 6 mislabels as seconds.
 */
public final class GatewayMetrics {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE");

    private final MetricRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();

    private GatewayMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /**
     * Returns the metrics of this server, or null where it offers no MicroProfile Metrics registry. The registry
     * comes through an injected {@code Instance}: Payara's producer needs the injection point that a programmatic
     * lookup lacks.
     */
    public static GatewayMetrics fromServer(Instance<MetricRegistry> registries) {
        return registries.isResolvable() ? new GatewayMetrics(registries.get()) : null;
    }

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
        registry.gauge(Metadata.builder().withName("portico.upstream.available")
                .withDescription("1 while the upstream takes traffic (up or half-open), 0 while it is ejected.")
                .build(), () -> upstream.health().state(System.nanoTime()) == UpstreamHealth.State.DOWN ? 0 : 1,
                new Tag("route", route), new Tag("upstream", authority));
        registry.gauge(Metadata.builder().withName("portico.upstream.in.flight")
                .withDescription("Requests in flight to the upstream.").build(), upstream::inFlight,
                new Tag("route", route), new Tag("upstream", authority));
    }

    void upstreamEjected(Upstream upstream) {
        counter("portico.upstream.ejections", "Times an upstream was ejected, by its failures or a health check.",
                "route", upstream.routeId(), "upstream", upstream.address().authority()).inc();
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(key(name, tags), ignored -> registry.counter(
                Metadata.builder().withName(name).withDescription(description).build(), tags(tags)));
    }

    private Histogram histogram(String name, String description, String... tags) {
        return histograms.computeIfAbsent(key(name, tags), ignored -> registry.histogram(
                Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE).build(),
                tags(tags)));
    }

    private static String key(String name, String... tags) {
        return name + String.join("\u0000", tags);
    }

    private static Tag[] tags(String... namesAndValues) {
        Tag[] tags = new Tag[namesAndValues.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
        }
        return tags;
    }
}
