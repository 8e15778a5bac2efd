package io.portico.observe;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
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
    private static final String SOURCE = AccessLog.class.getName();
    /** Found once: {@code Json.createGenerator()} looks the provider up through the class path on every call. */
    private static final JsonGeneratorFactory JSON = Json.createGeneratorFactory(Map.of());

    private AccessLog() {
    }

    static void write(Exchange exchange, String method, String path, int status, long totalNanos, String client,
            long bytesIn, long bytesOut) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        StringWriter text = new StringWriter(512);
        try (JsonGenerator line = JSON.createGenerator(text)) {
            line.writeStartObject()
                    .write("time", Instant.now().toString())
                    .write("request_id", exchange.requestId)
                    .write("trace_id", exchange.trace.traceId())
                    .write("route", exchange.route)
                    .write("method", method)
                    .write("path", path)
                    .write("status", status)
                    .write("duration_ms", totalNanos / 1_000_000.0)
                    .write("client", client)
                    .write("bytes_in", Math.max(0, bytesIn))
                    .write("bytes_out", bytesOut);
            if (exchange.upstreamNanos >= 0) {
                line.write("upstream_ms", exchange.upstreamNanos / 1_000_000.0);
            }
            optional(line, "consumer", exchange.consumer);
            optional(line, "upstream", exchange.upstream);
            optional(line, "upstream_error", exchange.upstreamError);
            if (exchange.attempts > 1) {
                line.write("attempts", exchange.attempts);
            }
            optional(line, "cache", exchange.cacheResult);
            optional(line, "auth_failure", exchange.authFailure);
            line.writeEnd();
        }
        // Source class and method given: Logger.info would walk the stack to find them, for every request.
        LOG.logp(Level.INFO, SOURCE, "write", text.toString());
    }

    private static void optional(JsonGenerator line, String name, String value) {
        if (value != null) {
            line.write(name, value);
        }
    }
}
