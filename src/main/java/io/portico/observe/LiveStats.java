package io.portico.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-route statistics of the last minute, in one-second buckets, for the dashboard: request rate, error rate,
 * latency percentiles, cache hit ratio, quota rejections and the upstreams' recent health. Thread-safe; memory is
 * bounded by the number of routes.
 */
public final class LiveStats {

    private static final int SECONDS = 60;
    private static final int RATE_SECONDS = 10;
    private static final int SAMPLES_PER_SECOND = 128;

    /** What a route's last minute looked like. */
    public record RouteSnapshot(double requestsPerSecond, double errorRatio, double p50Millis, double p99Millis,
            double cacheHitRatio, long quotaRejections, long requests, Map<String, String> upstreams) {
    }

    private final Map<String, RouteWindow> routes = new ConcurrentHashMap<>();

    void record(Exchange exchange, int status, long totalNanos) {
        long second = Instant.now().getEpochSecond();
        routes.computeIfAbsent(exchange.route, ignored -> new RouteWindow()).record(second, exchange, status,
                totalNanos);
    }

    /** Returns each route's last minute, by route id. */
    public Map<String, RouteSnapshot> snapshot() {
        long now = Instant.now().getEpochSecond();
        Map<String, RouteSnapshot> snapshot = new TreeMap<>();
        routes.forEach((route, window) -> snapshot.put(route, window.snapshot(now)));
        return snapshot;
    }

    /** One second of one route. */
    private static final class Bucket {
        long second = -1;
        long requests;
        long errors;
        long cacheHits;
        long cacheLookups;
        long quotaRejections;
        final long[] micros = new long[SAMPLES_PER_SECOND];
        int samples;

        void reset(long at) {
            second = at;
            requests = 0;
            errors = 0;
            cacheHits = 0;
            cacheLookups = 0;
            quotaRejections = 0;
            samples = 0;
        }
    }

    /** A route's ring of buckets and its upstreams' last outcomes. */
    private static final class RouteWindow {
        private final Bucket[] buckets = new Bucket[SECONDS];
        private final Map<String, long[]> upstreamLastOkAndError = new TreeMap<>();

        RouteWindow() {
            for (int i = 0; i < SECONDS; i++) {
                buckets[i] = new Bucket();
            }
        }

        synchronized void record(long second, Exchange exchange, int status, long totalNanos) {
            Bucket bucket = buckets[(int) (second % SECONDS)];
            if (bucket.second != second) {
                bucket.reset(second);
            }
            bucket.requests++;
            bucket.errors += status >= 500 ? 1 : 0;
            if (exchange.cacheResult != null && !exchange.cacheResult.equals("bypass")) {
                bucket.cacheLookups++;
                bucket.cacheHits += exchange.cacheResult.equals("hit") ? 1 : 0;
            }
            bucket.quotaRejections += exchange.quotaRejected ? 1 : 0;
            if (bucket.samples < SAMPLES_PER_SECOND) {
                bucket.micros[bucket.samples++] = totalNanos / 1000;
            }
            if (exchange.upstream != null) {
                long[] lastOkAndError = upstreamLastOkAndError.computeIfAbsent(exchange.upstream, u -> new long[2]);
                lastOkAndError[exchange.upstreamError == null ? 0 : 1] = second;
            }
        }

        synchronized RouteSnapshot snapshot(long now) {
            long requests = 0;
            long recent = 0;
            long recentErrors = 0;
            long hits = 0;
            long lookups = 0;
            long rejections = 0;
            List<Long> micros = new ArrayList<>();
            for (Bucket bucket : buckets) {
                if (bucket.second <= now - SECONDS || bucket.second > now) {
                    continue;
                }
                requests += bucket.requests;
                hits += bucket.cacheHits;
                lookups += bucket.cacheLookups;
                rejections += bucket.quotaRejections;
                for (int i = 0; i < bucket.samples; i++) {
                    micros.add(bucket.micros[i]);
                }
                if (bucket.second > now - RATE_SECONDS) {
                    recent += bucket.requests;
                    recentErrors += bucket.errors;
                }
            }
            long[] sorted = micros.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return new RouteSnapshot((double) recent / RATE_SECONDS, recent == 0 ? 0 : (double) recentErrors / recent,
                    percentile(sorted, 0.50), percentile(sorted, 0.99), lookups == 0 ? 0 : (double) hits / lookups,
                    rejections, requests, upstreamHealth(now));
        }

        /** An upstream is down when its last outcome in the last ten seconds was an error. */
        private Map<String, String> upstreamHealth(long now) {
            Map<String, String> health = new TreeMap<>();
            upstreamLastOkAndError.forEach((upstream, lastOkAndError) -> health.put(upstream,
                    lastOkAndError[1] > lastOkAndError[0] && lastOkAndError[1] > now - RATE_SECONDS ? "down" : "up"));
            return health;
        }

        private static double percentile(long[] sortedMicros, double quantile) {
            if (sortedMicros.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(quantile * sortedMicros.length) - 1;
            return sortedMicros[Math.max(0, index)] / 1000.0;
        }
    }
}
