package io.portico.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The gateway's metrics as the server publishes them in Prometheus text ({@link Servers#metrics}) after known
 * traffic: exact counts by route, method, status class and reason. Each test sends to routes of its own, so no
 * count mixes with another test's.
 */
@RunAsClient
@Tag("portable")
class MetricsIT extends GatewayIT {

    private static final String KEY = "metrics-key-0123456789abcdefghijklmnopqrstuvwxyz";
    /** The upstream answers {@code /sleep/{ms}} after sleeping: every request on that route takes at least this. */
    private static final long SLEEP_MILLIS = 100;
    /** A minute in microseconds: a duration above it was recorded in a smaller unit (nanoseconds). */
    private static final double MINUTE_MICROS = 60_000_000;

    private static int closedPort;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        startBackend();
        closedPort = GatewayProperties.closedPort();
        GatewayProperties properties = new GatewayProperties()
                .set("portico.consumer.metrics.api-key-sha256", TestTokens.sha256(KEY))
                .set("portico.route.limited.quota", "2/10m")
                .set("portico.route.limited.quota.key", "route")
                .set("portico.route.keyed.auth", "api-key")
                .set("portico.route.timed.strip-prefix", "1")
                .set("portico.route.cached.strip-prefix", "1")
                .set("portico.route.cached.cache", "on");
        for (String route : List.of("counted", "timed", "limited", "keyed", "cached")) {
            properties.set("portico.route." + route + ".path", "/" + route + "/**")
                    .set("portico.route." + route + ".upstream", backend.url());
        }
        properties.set("portico.route.down.path", "/down/**")
                .set("portico.route.down.upstream", "http://127.0.0.1:" + closedPort)
                .write();
        return Deployments.portico();
    }

    @Test
    void requestsAreCountedByRouteMethodAndStatusClassWithTheirBytes() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(request("/counted/x")).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(send(request("/counted/x").POST(BodyPublishers.ofString("hello"))).statusCode())
                    .isEqualTo(200);
        }

        awaitMetrics(metrics -> {
            assertThat(requests(metrics, "counted", "GET", "2xx")).isEqualTo(3);
            assertThat(requests(metrics, "counted", "POST", "2xx")).isEqualTo(2);
            assertThat(metrics.value("portico_request_duration_microseconds_count", "route", "counted"))
                    .isEqualTo(5);
            assertThat(metrics.value("portico_bytes_sent_total", "route", "counted"))
                    .as("five answers of 'echo'").isEqualTo(5 * "echo".length());
            assertThat(metrics.value("portico_bytes_received_total", "route", "counted"))
                    .as("two bodies of 'hello'").isEqualTo(2 * "hello".length());
            assertThat(metrics.value("portico_quota_rejections_total", "route", "counted")).isNull();
            assertThat(metrics.find("portico_auth_failures_total", "route", "counted")).isEmpty();
        });
    }

    @Test
    void durationsAreHistogramsInMicroseconds() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(request("/timed/sleep/" + SLEEP_MILLIS)).statusCode()).isEqualTo(200);
        }

        double sleptMicros = TimeUnit.MILLISECONDS.toMicros(SLEEP_MILLIS);
        awaitMetrics(metrics -> {
            assertThat(requests(metrics, "timed", "GET", "2xx")).isEqualTo(3);
            assertThat(metrics.value("portico_request_duration_microseconds_count", "route", "timed")).isEqualTo(3);
            assertThat(metrics.value("portico_upstream_duration_microseconds_count", "route", "timed"))
                    .isEqualTo(3);
            for (String histogram : List.of("portico_request_duration_microseconds",
                    "portico_upstream_duration_microseconds")) {
                List<PrometheusText.Sample> quantiles = Servers.current().publishesQuantiles()
                        ? metrics.find(histogram, "route", "timed").stream()
                                .filter(sample -> sample.labels().containsKey("quantile")).toList()
                        : metrics.find(histogram + "_max", "route", "timed");
                assertThat(quantiles).as(histogram + " quantiles, or its maximum").isNotEmpty();
                assertThat(quantiles).allSatisfy(quantile -> assertThat(quantile.value()).as(quantile.line())
                        .isGreaterThanOrEqualTo(sleptMicros).isLessThan(MINUTE_MICROS));
                assertThat(metrics.value(histogram + "_sum", "route", "timed"))
                        .isGreaterThanOrEqualTo(3 * sleptMicros).isLessThan(3 * MINUTE_MICROS);
            }
        });
    }

    @Test
    void quotaRejectionsAreCountedAndAnsweredAs4xx() throws Exception {
        List<Integer> statuses = List.of(send(request("/limited/x")).statusCode(),
                send(request("/limited/x")).statusCode(), send(request("/limited/x")).statusCode());

        assertThat(statuses).containsExactly(200, 200, 429);
        awaitMetrics(metrics -> {
            assertThat(requests(metrics, "limited", "GET", "2xx")).isEqualTo(2);
            assertThat(requests(metrics, "limited", "GET", "4xx")).isEqualTo(1);
            assertThat(metrics.value("portico_quota_rejections_total", "route", "limited")).isEqualTo(1);
            assertThat(metrics.value("portico_request_duration_microseconds_count", "route", "limited"))
                    .isEqualTo(3);
        });
    }

    @Test
    void authenticationFailuresAreCountedByReason() throws Exception {
        int anonymous = send(request("/keyed/x")).statusCode();
        int wrongKey = send(request("/keyed/x").header("X-API-Key", "wrong-" + KEY)).statusCode();
        int rightKey = send(request("/keyed/x").header("X-API-Key", KEY)).statusCode();

        assertThat(List.of(anonymous, wrongKey, rightKey)).containsExactly(401, 401, 200);
        awaitMetrics(metrics -> {
            assertThat(requests(metrics, "keyed", "GET", "4xx")).isEqualTo(2);
            assertThat(requests(metrics, "keyed", "GET", "2xx")).isEqualTo(1);
            assertThat(metrics.value("portico_auth_failures_total", "route", "keyed", "reason", "no-credentials"))
                    .isEqualTo(1);
            assertThat(metrics.value("portico_auth_failures_total", "route", "keyed", "reason", "invalid-key"))
                    .isEqualTo(1);
            assertThat(metrics.find("portico_auth_failures_total", "route", "keyed")).hasSize(2);
        });
    }

    @Test
    void refusedUpstreamIsCountedAsAnUpstreamErrorAnd5xx() throws Exception {
        int first = send(request("/down/x")).statusCode();
        int second = send(request("/down/x")).statusCode();

        assertThat(List.of(first, second)).containsExactly(502, 502);
        awaitMetrics(metrics -> {
            assertThat(requests(metrics, "down", "GET", "5xx")).isEqualTo(2);
            assertThat(metrics.value("portico_upstream_errors_total", "route", "down", "kind", "refused",
                    "upstream", "127.0.0.1:" + closedPort)).isEqualTo(2);
            assertThat(metrics.find("portico_upstream_errors_total", "route", "down")).hasSize(1);
            assertThat(metrics.value("portico_upstream_duration_microseconds_count", "route", "down"))
                    .as("no upstream answered").isNull();
        });
    }

    @Test
    void cacheMissesHitsAndStoresAreCounted() throws Exception {
        String target = "/cached/cc/metrics?h=Cache-Control%3A%20max-age%3D60";

        List<String> bodies = List.of(send(request(target)).body(), send(request(target)).body(),
                send(request(target)).body());

        assertThat(bodies).as("one upstream answer, then two from the cache").containsExactly("#1", "#1", "#1");
        awaitMetrics(metrics -> {
            assertThat(requests(metrics, "cached", "GET", "2xx")).isEqualTo(3);
            assertThat(metrics.value("portico_cache_results_total", "route", "cached", "result", "miss"))
                    .isEqualTo(1);
            assertThat(metrics.value("portico_cache_results_total", "route", "cached", "result", "hit"))
                    .isEqualTo(2);
            assertThat(metrics.value("portico_cache_stores_total", "route", "cached")).isEqualTo(1);
            assertThat(metrics.value("portico_upstream_duration_microseconds_count", "route", "cached"))
                    .as("only the miss went upstream").isEqualTo(1);
        });
    }

    private static double requests(PrometheusText metrics, String route, String method, String statusClass) {
        Double count = metrics.value("portico_requests_total", "route", route, "method", method, "status_class",
                statusClass);
        assertThat(count).as("portico_requests_total of " + route + " " + method + " " + statusClass).isNotNull();
        return count;
    }

    /**
     * Scrapes until {@code expectations} hold, for at most ten seconds, and fails with the last scrape's failure.
     * Metrics are recorded once the response is complete, which the client may see a moment before.
     */
    private PrometheusText awaitMetrics(Consumer<PrometheusText> expectations) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            PrometheusText metrics = scrape();
            try {
                expectations.accept(metrics);
                return metrics;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(Servers.current().metrics(base))
                .header("Accept", "text/plain").timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).as("the server's metrics endpoint").isEqualTo(200);
        return PrometheusText.parse(response.body());
    }
}
