package io.portico.it;

import static io.portico.it.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Upstream health on real backends: passive ejection of a backend killed under load and its return on the same
 * port, 503 at once when every upstream of a route is down, retries on another upstream (and none for a POST),
 * active health checks, and what the admin API and the metrics say about it all. Each test has routes of its own.
 */
@RunAsClient
class UpstreamHealthIT extends GatewayIT {

    private static final String ADMIN_KEY = "upstreams-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final Duration POOL_COOLDOWN = Duration.ofSeconds(1);
    private static final Duration SILENT_READ_TIMEOUT = Duration.ofMillis(500);
    private static final int CLIENT_THREADS = 8;
    private static final Duration DROP_AFTER = Duration.ofMillis(600);
    private static final Duration LATE_RETRY_LIMIT = Duration.ofMillis(200);

    private static final List<EchoBackend> pool = new ArrayList<>();
    private static final List<SilentUpstream> silent = new ArrayList<>();
    private static final List<EchoBackend> others = new ArrayList<>();
    private static int retryClosedPort;
    private static EchoBackend statusBad;
    private static EchoBackend statusGood;
    private static EchoBackend checkedA;
    private static EchoBackend checkedB;
    private static EchoBackend meteredLive;
    private static int meteredClosedPort;
    private static SilentUpstream dropping;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        startBackend();
        for (int i = 0; i < 3; i++) {
            pool.add(EchoBackend.start());
        }
        for (int i = 0; i < 2; i++) {
            silent.add(SilentUpstream.start());
        }
        dropping = SilentUpstream.dropping(DROP_AFTER);
        silent.add(dropping);
        statusBad = other();
        statusGood = other();
        checkedA = other();
        checkedB = other();
        meteredLive = other();
        retryClosedPort = GatewayProperties.closedPort();
        meteredClosedPort = GatewayProperties.closedPort();
        String refusing = closedUrl() + "," + closedUrl();
        new GatewayProperties()
                .set("portico.consumer.operator.api-key-sha256", TestTokens.sha256(ADMIN_KEY))
                .set("portico.consumer.operator.roles", "portico-admin")
                .set("portico.route.pool.path", "/pool/**")
                .set("portico.route.pool.strip-prefix", "1")
                .set("portico.route.pool.upstream", String.join(",", pool.get(0).url(), pool.get(1).url(),
                        pool.get(2).url()))
                // A short window: the killed backend's successes just before the kill soon stop outweighing failures.
                .set("portico.route.pool.health.window", "500ms")
                .set("portico.route.pool.health.cooldown", POOL_COOLDOWN.toSeconds() + "s")
                .set("portico.route.silent.path", "/silent/**")
                .set("portico.route.silent.upstream", silent.get(0).url() + "," + silent.get(1).url())
                .set("portico.route.silent.timeout.read", SILENT_READ_TIMEOUT.toMillis() + "ms")
                .set("portico.route.silent.health.min-requests", "2")
                .set("portico.route.silent.health.cooldown", "30s")
                .set("portico.route.refusing.path", "/refusing/**")
                .set("portico.route.refusing.upstream", refusing)
                .set("portico.route.refusing.health.min-requests", "2")
                .set("portico.route.refusing.health.cooldown", "30s")
                // Never ejected within a test: every request's first pick alternates between the two.
                .set("portico.route.retrying.path", "/retrying/**")
                .set("portico.route.retrying.strip-prefix", "1")
                .set("portico.route.retrying.upstream", "http://127.0.0.1:" + retryClosedPort + "," + backend.url())
                .set("portico.route.retrying.health.min-requests", "100")
                .set("portico.route.late.path", "/late/**")
                .set("portico.route.late.strip-prefix", "1")
                .set("portico.route.late.upstream", dropping.url() + "," + backend.url())
                .set("portico.route.late.retry.time-limit", LATE_RETRY_LIMIT.toMillis() + "ms")
                .set("portico.route.late.health.min-requests", "100")
                .set("portico.route.timely.path", "/timely/**")
                .set("portico.route.timely.strip-prefix", "1")
                .set("portico.route.timely.upstream", dropping.url() + "," + backend.url())
                .set("portico.route.timely.health.min-requests", "100")
                .set("portico.route.statusretry.path", "/statusretry/**")
                .set("portico.route.statusretry.strip-prefix", "1")
                .set("portico.route.statusretry.upstream", statusBad.url() + "," + statusGood.url())
                .set("portico.route.statusretry.retry.statuses", "503")
                .set("portico.route.statusretry.health.min-requests", "100")
                .set("portico.route.statusplain.path", "/statusplain/**")
                .set("portico.route.statusplain.strip-prefix", "1")
                .set("portico.route.statusplain.upstream", statusBad.url() + "," + statusGood.url())
                .set("portico.route.statusplain.health.min-requests", "100")
                .set("portico.route.checked.path", "/checked/**")
                .set("portico.route.checked.strip-prefix", "1")
                .set("portico.route.checked.upstream", checkedA.url() + "," + checkedB.url())
                .set("portico.route.checked.health.check.path", EchoBackend.PROBE)
                .set("portico.route.checked.health.check.interval", "300ms")
                .set("portico.route.metered.path", "/metered/**")
                .set("portico.route.metered.strip-prefix", "1")
                .set("portico.route.metered.upstream", "http://127.0.0.1:" + meteredClosedPort + ","
                        + meteredLive.url())
                .set("portico.route.metered.health.min-requests", "2")
                .set("portico.route.metered.health.cooldown", "30s")
                .write();
        return Deployments.portico();
    }

    private static EchoBackend other() throws Exception {
        EchoBackend started = EchoBackend.start();
        others.add(started);
        return started;
    }

    private static String closedUrl() throws Exception {
        return "http://127.0.0.1:" + GatewayProperties.closedPort();
    }

    @AfterAll
    static void stopUpstreams() throws Exception {
        pool.forEach(EchoBackend::close);
        others.forEach(EchoBackend::close);
        for (SilentUpstream upstream : silent) {
            upstream.close();
        }
    }

    @Test
    void backendKilledUnderLoadIsEjectedAtOnceAndServesAgainOnceRestartedOnItsPort() throws Exception {
        int victimPort = pool.get(1).port();
        Set<Integer> survivors = Set.of(pool.get(0).port(), pool.get(2).port());
        Traffic traffic = Traffic.start(uri("/pool/sleep/100"), CLIENT_THREADS);
        long killedAt;
        long restartedAt;
        int inFlightAtKill;
        List<Traffic.Result> results;
        try {
            awaitServed(traffic, Set.of(pool.get(0).port(), victimPort, pool.get(2).port()), 20, 0);

            killedAt = System.nanoTime();
            inFlightAtKill = pool.get(1).kill();
            long downAt = awaitState("pool", victimPort, "down", killedAt, Duration.ofSeconds(1));
            System.out.printf("killed port %d with %d requests in flight; down after %d ms%n", victimPort,
                    inFlightAtKill, TimeUnit.NANOSECONDS.toMillis(downAt - killedAt));

            // Traffic goes on with the backend dead for three seconds: three cooldowns, each ending in a trial.
            TimeUnit.NANOSECONDS.sleep(killedAt + TimeUnit.SECONDS.toNanos(3) - System.nanoTime());
            restartedAt = System.nanoTime();
            pool.set(1, EchoBackend.start(victimPort));
            long servedAt = awaitServed(traffic, Set.of(victimPort), 1, restartedAt);
            long upAt = awaitState("pool", victimPort, "up", restartedAt, POOL_COOLDOWN.plusSeconds(2));
            assertThat(Duration.ofNanos(servedAt - restartedAt)).as("restarted backend serving again")
                    .isLessThanOrEqualTo(POOL_COOLDOWN.plusSeconds(2));
            System.out.printf("restarted port %d: serving after %d ms, up after %d ms%n", victimPort,
                    TimeUnit.NANOSECONDS.toMillis(servedAt - restartedAt),
                    TimeUnit.NANOSECONDS.toMillis(upAt - restartedAt));
            TimeUnit.MILLISECONDS.sleep(500);
        } finally {
            results = traffic.stop();
        }

        List<Traffic.Result> errors = Traffic.where(results, result -> !result.ok());
        System.out.printf("%d requests, %d client errors, %d requests in flight at the killed backend: %s%n",
                results.size(), errors.size(), inFlightAtKill, errors);
        assertThat(errors).as("client errors, at most the requests in flight at the killed backend (%d)",
                inFlightAtKill).hasSizeLessThanOrEqualTo(inFlightAtKill);
        long settled = killedAt + TimeUnit.SECONDS.toNanos(1);
        assertThat(Traffic.where(results, result -> result.startNanos() >= settled && !result.ok()))
                .as("failures among requests sent from one second after the kill on").isEmpty();
        List<Traffic.Result> whileDead = Traffic.where(results, result -> result.startNanos() >= settled
                && result.endNanos() < restartedAt);
        Map<Integer, Long> split = Traffic.byPort(whileDead);
        System.out.println("served while the backend was dead: " + split);
        assertThat(split.keySet()).as("ports serving while the backend was dead").isEqualTo(survivors);
        for (int survivor : survivors) {
            assertThat((double) split.get(survivor) / whileDead.size()).as("share of port " + survivor)
                    .isBetween(0.4, 0.6);
        }
        awaitMetrics(metrics -> {
            assertThat(metrics.value("portico_upstream_ejections_total", "route", "pool", "upstream",
                    "127.0.0.1:" + victimPort)).as("ejections of the killed backend").isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("portico_upstream_available", "route", "pool", "upstream",
                    "127.0.0.1:" + victimPort)).as("the restarted backend available").isEqualTo(1);
        });
    }

    @Test
    void upstreamsThatNeverAnswerAreEjectedThenRequestsGet503AtOnceWithoutContactingThem() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> response;
        while (true) {
            long start = System.nanoTime();
            response = send(request("/silent/x"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            statuses.add(response.statusCode());
            if (response.statusCode() != 504 || statuses.size() > 4) {
                break;
            }
            assertProblem(response, 504);
            assertThat(took).as("a timed-out attempt").isBetween(SILENT_READ_TIMEOUT.minusMillis(100),
                    SILENT_READ_TIMEOUT.plusMillis(2500));
        }
        // Read timeouts are not retried: one attempt a request, and each upstream is out after two (min-requests).
        assertThat(statuses).as("statuses until the first that is not 504").containsExactly(504, 504, 504, 504, 503);
        int accepted = silent.get(0).accepted() + silent.get(1).accepted();

        assertFastUnavailable(response, Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            HttpResponse<String> next = send(request("/silent/x"));
            assertFastUnavailable(next, Duration.ofNanos(System.nanoTime() - start));
        }
        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(silent.get(0).accepted() + silent.get(1).accepted()).as("connections to the silent upstreams")
                .isEqualTo(accepted);
        assertThat(states("silent")).containsOnly("down");
    }

    @Test
    void upstreamsThatRefuseAreEjectedThenRequestsGet503() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> response;
        do {
            response = send(request("/refusing/x"));
            statuses.add(response.statusCode());
            if (response.statusCode() == 502) {
                assertProblem(response, 502);
            }
        } while (response.statusCode() == 502 && statuses.size() <= 4);

        // Each request tries both (a retry after a refusal); each upstream is out after two refused attempts.
        assertThat(statuses.subList(0, statuses.size() - 1)).as("statuses before the first that is not 502: "
                + statuses).hasSizeBetween(1, 4).containsOnly(502);
        assertFastUnavailable(response, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            HttpResponse<String> next = send(request("/refusing/x"));
            assertFastUnavailable(next, Duration.ofNanos(System.nanoTime() - start));
        }
        assertThat(states("refusing")).containsOnly("down");
    }

    @Test
    void getsRefusedByOneUpstreamAreRetriedOnTheOther() throws Exception {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = send(request("/retrying/get-" + i));

            assertThat(response.statusCode()).as("GET " + i).isEqualTo(200);
            assertThat(response.headers().firstValue(EchoBackend.PORT_HEADER)).hasValue(
                    String.valueOf(backend.port()));
        }
        assertThat(drain(backend)).as("requests the live upstream received, each once")
                .map(EchoBackend.Received::rawUri).hasSize(20).doesNotHaveDuplicates();
        assertThat(states("retrying")).as("refused but not ejected below min-requests").containsOnly("up");
    }

    @Test
    void postsAreNotRetried() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = send(request("/retrying/post").POST(BodyPublishers.ofString("post-" + i)));
            statuses.add(response.statusCode());
            if (response.statusCode() == 502) {
                assertProblem(response, 502);
            }
        }

        // Round robin alternates the first pick between the refusing and the live upstream.
        System.out.println("POST statuses: " + statuses);
        assertThat(statuses).containsOnly(200, 502).contains(502);
        List<String> bodies = drain(backend).stream().map(EchoBackend.Received::bodyText).toList();
        assertThat(bodies).as("POSTs the live upstream received").doesNotHaveDuplicates()
                .hasSize((int) statuses.stream().filter(status -> status == 200).count());
    }

    @Test
    void deletesAreRetriedAndNoBodyReachesTheUpstreamTwice() throws Exception {
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = send(request("/retrying/delete-" + i).DELETE());

            assertThat(response.statusCode()).as("DELETE " + i).isEqualTo(200);
        }
        assertThat(drain(backend)).map(EchoBackend.Received::rawUri)
                .containsExactly("/delete-0", "/delete-1", "/delete-2", "/delete-3");

        // A PUT is retried only while none of its body was read; whether it was depends on the client, but a body
        // is never sent twice, and never lost without a 502.
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(send(request("/retrying/put").PUT(BodyPublishers.ofString("put-" + i))).statusCode());
        }
        System.out.println("PUT statuses: " + statuses);
        assertThat(statuses).isSubsetOf(200, 502);
        List<String> bodies = drain(backend).stream().map(EchoBackend.Received::bodyText).toList();
        assertThat(bodies).doesNotHaveDuplicates()
                .hasSize((int) statuses.stream().filter(status -> status == 200).count());
    }

    @Test
    void noRetryStartsAfterTheTimeLimit() throws Exception {
        // The dropping upstream breaks each connection after DROP_AFTER: a retried failure, but too late on 'late'.
        List<Integer> late = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = send(request("/late/x"));
            late.add(response.statusCode());
            if (response.statusCode() == 502) {
                assertProblem(response, 502);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(DROP_AFTER);
            }
        }
        List<Integer> timely = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            timely.add(send(request("/timely/x")).statusCode());
        }

        System.out.println("broken after " + DROP_AFTER.toMillis() + " ms, retry limit " + LATE_RETRY_LIMIT.toMillis()
                + " ms: " + late + "; with the default limit: " + timely);
        assertThat(late).as("statuses with a retry time limit shorter than the failure").containsOnly(200, 502)
                .contains(502);
        assertThat(timely).as("statuses with the default retry time limit").containsOnly(200);
    }

    @Test
    void configuredUpstreamStatusesAreRetriedOnTheOtherUpstream() throws Exception {
        statusBad.healthy(false);
        try {
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> response = send(request("/statusretry" + EchoBackend.PROBE));

                assertThat(response.statusCode()).as("GET " + i).isEqualTo(200);
                assertThat(response.body()).isEqualTo("healthy");
                assertThat(response.headers().firstValue(EchoBackend.PORT_HEADER))
                        .hasValue(String.valueOf(statusGood.port()));
            }
            assertThat(drain(statusBad)).as("503 answers retried, at least every other request's first")
                    .hasSizeGreaterThanOrEqualTo(5);

            List<Integer> plain = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> response = send(request("/statusplain" + EchoBackend.PROBE));
                plain.add(response.statusCode());
                if (response.statusCode() == 503) {
                    assertThat(response.body()).as("the upstream's own 503, relayed").isEqualTo("unhealthy");
                }
            }
            assertThat(plain).as("without retry.statuses a 503 is relayed").containsOnly(200, 503).contains(503);
        } finally {
            statusBad.healthy(true);
        }
    }

    @Test
    void activeCheckTakesAnUnhealthyUpstreamOutAndAHealthyOneBackIn() throws Exception {
        awaitState("checked", checkedA.port(), "up", System.nanoTime(), Duration.ofSeconds(2));

        checkedA.healthy(false);
        long unhealthyAt = System.nanoTime();
        long downAt = awaitState("checked", checkedA.port(), "down", unhealthyAt, Duration.ofSeconds(2));
        int servedByA = checkedA.served();
        List<Traffic.Result> whileDown = Traffic.send(uri("/checked/x"), 4, 40);
        assertThat(Traffic.where(whileDown, result -> !result.ok())).as("client errors").isEmpty();
        assertThat(Traffic.byPort(whileDown)).as("ports serving").containsOnlyKeys(checkedB.port());
        assertThat(checkedA.served()).as("requests other than probes reaching the unhealthy one")
                .isEqualTo(servedByA);

        checkedA.healthy(true);
        long healthyAt = System.nanoTime();
        long upAt = awaitState("checked", checkedA.port(), "up", healthyAt, Duration.ofSeconds(2));
        List<Traffic.Result> afterwards = Traffic.send(uri("/checked/x"), 4, 40);
        assertThat(Traffic.where(afterwards, result -> !result.ok())).as("client errors").isEmpty();
        assertThat(Traffic.byPort(afterwards)).as("ports serving").containsOnlyKeys(checkedA.port(),
                checkedB.port());
        System.out.printf("active check: down after %d ms, up after %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(downAt - unhealthyAt), TimeUnit.NANOSECONDS.toMillis(upAt - healthyAt));
    }

    @Test
    void adminApiAndMetricsShowTheEjectedUpstreamAndTheRetries() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertThat(send(request("/metered/x")).statusCode()).as("GET " + i).isEqualTo(200);
        }

        JsonObject route = route("metered");
        assertThat(route.getString("balance")).isEqualTo("round-robin");
        JsonObject closed = upstream(route, meteredClosedPort);
        JsonObject live = upstream(route, meteredLive.port());
        assertThat(closed.getString("url")).isEqualTo("http://127.0.0.1:" + meteredClosedPort);
        assertThat(closed.getString("state")).isEqualTo("down");
        assertThat(closed.getInt("ejections")).isEqualTo(1);
        assertThat(closed.getInt("weight")).isEqualTo(1);
        assertThat(closed.getInt("inFlight")).isZero();
        assertThat(live.getString("state")).isEqualTo("up");
        assertThat(live.getInt("ejections")).isZero();
        awaitMetrics(metrics -> {
            assertThat(metrics.value("portico_upstream_available", "route", "metered", "upstream",
                    "127.0.0.1:" + meteredClosedPort)).isEqualTo(0);
            assertThat(metrics.value("portico_upstream_available", "route", "metered", "upstream",
                    "127.0.0.1:" + meteredLive.port())).isEqualTo(1);
            assertThat(metrics.value("portico_upstream_ejections_total", "route", "metered", "upstream",
                    "127.0.0.1:" + meteredClosedPort)).isEqualTo(1);
            assertThat(metrics.value("portico_upstream_ejections_total", "route", "metered", "upstream",
                    "127.0.0.1:" + meteredLive.port())).as("ejections of the live upstream").isIn(null, 0.0);
            // The refusing upstream was out after exactly two attempts (min-requests), each retried on the other.
            assertThat(metrics.value("portico_upstream_retries_total", "route", "metered")).isEqualTo(2);
        });

        // With one upstream down, concurrent requests all go to the other: none is told that no upstream is up.
        List<Traffic.Result> burst = Traffic.send(uri("/metered/x"), 16, 400);
        assertThat(Traffic.where(burst, result -> !result.ok())).as("client errors with one upstream up").isEmpty();
        assertThat(Traffic.byPort(burst)).containsOnlyKeys(meteredLive.port());
    }

    @Test
    void upstreamsNeedTheAdminRole() throws Exception {
        assertProblem(send(request("/_portico/upstreams")), 401);
    }

    /** Checks a 503 of a route with no upstream up: a problem document with Retry-After, answered at once. */
    private static void assertFastUnavailable(HttpResponse<String> response, Duration took) {
        assertProblem(response, 503);
        String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        assertThat(retryAfter).as("Retry-After").isNotNull().matches("[0-9]+");
        assertThat(Integer.parseInt(retryAfter)).as("Retry-After").isGreaterThanOrEqualTo(1);
        assertThat(took).as("503 with every upstream down").isLessThan(Duration.ofMillis(200));
    }

    /** Returns every request {@code echo} received since the last test began, waiting briefly for stragglers. */
    private static List<EchoBackend.Received> drain(EchoBackend echo) throws InterruptedException {
        List<EchoBackend.Received> all = new ArrayList<>();
        for (var next = echo.poll(Duration.ofMillis(300)); next.isPresent(); next = echo.poll(Duration.ofMillis(300))) {
            all.add(next.get());
        }
        return all;
    }

    /**
     * Waits until {@code traffic} holds, for each of {@code ports}, {@code count} answers to requests sent after
     * {@code after} (nanoTime), for at most ten seconds; returns when the first of those answers ended.
     */
    private static long awaitServed(Traffic traffic, Set<Integer> ports, int count, long after) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<Traffic.Result> served = Traffic.where(traffic.results(), result -> result.startNanos() >= after
                    && result.ok() && ports.contains(result.port()));
            Map<Integer, Long> byPort = Traffic.byPort(served);
            if (byPort.keySet().equals(ports) && byPort.values().stream().allMatch(n -> n >= count)) {
                return served.stream().mapToLong(Traffic.Result::endNanos).min().orElseThrow();
            }
            assertThat(System.nanoTime()).as("answers from ports " + ports + " so far: " + byPort)
                    .isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /**
     * Polls the admin API until the upstream on {@code port} of {@code route} is in {@code state}, failing unless
     * a poll sent within {@code limit} of {@code since} (nanoTime) sees it; returns when it was first seen so.
     */
    private long awaitState(String route, int port, String state, long since, Duration limit) throws Exception {
        long deadline = since + limit.toNanos();
        while (true) {
            long polledAt = System.nanoTime();
            String now = upstream(route(route), port).getString("state");
            if (now.equals(state)) {
                return System.nanoTime();
            }
            assertThat(polledAt).as(route + " upstream " + port + " still " + now + ", not " + state + ", "
                    + limit.toMillis() + " ms on").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(25);
        }
    }

    /** Returns the states of a route's upstreams as the admin API lists them. */
    private List<String> states(String id) throws Exception {
        return route(id).getJsonArray("upstreams").getValuesAs(JsonObject.class).stream()
                .map(upstream -> upstream.getString("state")).toList();
    }

    /** Returns route {@code id} of {@code GET /_portico/upstreams}. */
    private JsonObject route(String id) throws Exception {
        HttpResponse<String> response = send(request("/_portico/upstreams").header("X-API-Key", ADMIN_KEY));
        assertThat(response.statusCode()).as("GET /_portico/upstreams: " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            json = reader.readObject();
        }
        return json.getJsonArray("routes").getValuesAs(JsonObject.class).stream()
                .filter(route -> route.getString("route").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + id + " in " + response.body()));
    }

    /** Returns the upstream of {@code route} on loopback port {@code port}. */
    private static JsonObject upstream(JsonObject route, int port) {
        return route.getJsonArray("upstreams").getValuesAs(JsonValue::asJsonObject).stream()
                .filter(upstream -> URI.create(upstream.getString("url")).getPort() == port).findFirst()
                .orElseThrow(() -> new AssertionError("no upstream on port " + port + " in " + route));
    }

    /** Scrapes until {@code expectations} hold, for at most ten seconds, and fails with the last scrape's failure. */
    private void awaitMetrics(Consumer<PrometheusText> expectations) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            HttpResponse<String> response = send(request("/metrics?scope=application")
                    .header("Accept", "text/plain"));
            assertThat(response.statusCode()).as("the server's metrics endpoint").isEqualTo(200);
            PrometheusText metrics = PrometheusText.parse(response.body());
            try {
                expectations.accept(metrics);
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    System.out.println("portico_upstream metrics: " + metrics.lines("portico_upstream"));
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }
}
