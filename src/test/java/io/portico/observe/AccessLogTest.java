package io.portico.observe;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access log line: one JSON object per request, optional fields only when they happened. */
class AccessLogTest {

    private final Logger logger = Logger.getLogger("io.portico.access");
    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    @Test
    void lineHoldsTheExchangeAsJson() {
        Exchange exchange = new Exchange("req-1", TraceContext.start());
        exchange.route("orders");
        exchange.consumer("billing");
        exchange.upstream("127.0.0.1:9001", 2_500_000);
        exchange.attempt();
        exchange.attempt();
        exchange.cache("miss");

        AccessLog.write(exchange, "GET", "/orders/\"7\"", 200, 4_000_000, "127.0.0.2", -1, 1024);

        JsonObject line = parse(lines.get(0));
        assertThat(line.getString("request_id")).isEqualTo("req-1");
        assertThat(line.getString("trace_id")).isEqualTo(exchange.trace().traceId());
        assertThat(line.getString("route")).isEqualTo("orders");
        assertThat(line.getString("path")).isEqualTo("/orders/\"7\"");
        assertThat(line.getInt("status")).isEqualTo(200);
        assertThat(line.getJsonNumber("duration_ms").doubleValue()).isEqualTo(4.0);
        assertThat(line.getJsonNumber("upstream_ms").doubleValue()).isEqualTo(2.5);
        assertThat(line.getInt("bytes_in")).isZero();
        assertThat(line.getInt("bytes_out")).isEqualTo(1024);
        assertThat(line.getString("consumer")).isEqualTo("billing");
        assertThat(line.getString("upstream")).isEqualTo("127.0.0.1:9001");
        assertThat(line.getInt("attempts")).isEqualTo(2);
        assertThat(line.getString("cache")).isEqualTo("miss");
        assertThat(line).doesNotContainKeys("upstream_error", "auth_failure");
    }

    @Test
    void fieldsThatDidNotHappenAreLeftOut() {
        Exchange exchange = new Exchange("req-2", TraceContext.start());
        exchange.authFailure("no-credentials");

        AccessLog.write(exchange, "POST", "/x", 401, 1_000_000, "127.0.0.2", 0, 120);

        JsonObject line = parse(lines.get(0));
        assertThat(line.getString("route")).isEqualTo("-");
        assertThat(line.getString("auth_failure")).isEqualTo("no-credentials");
        assertThat(line).doesNotContainKeys("upstream_ms", "consumer", "upstream", "upstream_error", "attempts",
                "cache");
        assertThat(lines.get(0)).doesNotContain("\n");
    }

    private static JsonObject parse(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
