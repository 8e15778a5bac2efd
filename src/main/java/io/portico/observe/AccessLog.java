package io.portico.observe;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One JSON line per request on the logger {@code io.portico.access}, through the server's logging, which decides
 * where it goes (a file, the console). Carries no query string, header or credential: the path, who, what and how
 * long.
 */
final class AccessLog {

    private static final Logger LOG = Logger.getLogger("io.portico.access");
    /** Found once: {@code Json.createObjectBuilder()} looks the provider up through the class path on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private AccessLog() {
    }

    static void write(Exchange exchange, String method, String path, int status, long totalNanos, String client,
            long bytesIn, long bytesOut) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        JsonObjectBuilder line = JSON.createObjectBuilder()
                .add("time", Instant.now().toString())
                .add("request_id", exchange.requestId)
                .add("trace_id", exchange.trace.traceId())
                .add("route", exchange.route)
                .add("method", method)
                .add("path", path)
                .add("status", status)
                .add("duration_ms", totalNanos / 1_000_000.0)
                .add("client", client)
                .add("bytes_in", Math.max(0, bytesIn))
                .add("bytes_out", bytesOut);
        optional(line, "upstream_ms", exchange.upstreamNanos >= 0 ? exchange.upstreamNanos / 1_000_000.0 : null);
        optional(line, "consumer", exchange.consumer);
        optional(line, "upstream", exchange.upstream);
        optional(line, "upstream_error", exchange.upstreamError);
        optional(line, "attempts", exchange.attempts > 1 ? exchange.attempts : null);
        optional(line, "cache", exchange.cacheResult);
        optional(line, "auth_failure", exchange.authFailure);
        String json = line.build().toString();
        LOG.info(json);
    }

    private static void optional(JsonObjectBuilder line, String name, Object value) {
        if (value instanceof Double number) {
            line.add(name, number);
        } else if (value instanceof Integer number) {
            line.add(name, number);
        } else if (value != null) {
            line.add(name, value.toString());
        }
    }
}
