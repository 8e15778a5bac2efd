package io.portico.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoublePredicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The live dashboard under {@code /_portico/dashboard} as a person sees it: Debian's headless Chromium loads the
 * page, an operator types an admin API key, and the figures of each route move while traffic flows through the
 * gateway. Leaves the last view in {@code target/dashboard.png}.
 */
@RunAsClient
class DashboardIT extends GatewayIT {

    private static final String ADMIN_KEY = "admin-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration MOST_TRAFFIC = Duration.ofMinutes(3);
    /** About 16 s of the page's 2 s polling: enough for a line in each chart of the screenshot. */
    private static final int CHART_POINTS = 8;

    private static HttpServer assets;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        startBackend();
        assets = startAssets();
        new GatewayProperties()
                .set("portico.route.echo.path", "/echo/**")
                .set("portico.route.echo.upstream", backend.url())
                .set("portico.route.echo.strip-prefix", "1")
                .set("portico.route.echo.cache", "on")
                .set("portico.route.assets.path", "/assets/**")
                .set("portico.route.assets.upstream", "http://127.0.0.1:" + assets.getAddress().getPort())
                .set("portico.route.assets.cache", "on")
                .set("portico.route.offline.path", "/offline/**")
                .set("portico.route.offline.upstream", "http://127.0.0.1:" + GatewayProperties.closedPort())
                .set("portico.route.offline.quota", "2/1s")
                .set("portico.route.offline.quota.key", "route")
                .set("portico.consumer.operator.api-key-sha256", TestTokens.sha256(ADMIN_KEY))
                .set("portico.consumer.operator.roles", "portico-admin")
                .write();
        return Deployments.portico();
    }

    @AfterAll
    static void stopAssets() {
        if (assets != null) {
            assets.stop(0);
        }
    }

    @Test
    void figuresMoveWhileTrafficFlows() throws Exception {
        ExecutorService traffic = Executors.newSingleThreadExecutor();
        AtomicBoolean stop = new AtomicBoolean();
        try (HeadlessBrowser browser = HeadlessBrowser.start(workDir("figures"))) {
            browser.open(uri("/_portico/dashboard"));
            browser.type("#api-key", ADMIN_KEY);
            browser.click("#connect");
            Future<?> sending = traffic.submit(() -> sendTraffic(stop));

            double firstRate = awaitNumber(browser, "echo", "requestsPerSecond", rate -> rate > 0);
            double laterRate = awaitNumber(browser, "echo", "requestsPerSecond", rate -> rate != firstRate);
            await("charts of " + CHART_POINTS + " points", () -> browser.attribute(
                    "[data-route=\"echo\"] [data-chart=\"requestsPerSecond\"]", "data-points")
                    .map(Integer::parseInt).filter(points -> points >= CHART_POINTS));
            await("a cache hit on assets", () -> metric(browser, "assets", "cacheHitRatio")
                    .map(Double::parseDouble).filter(ratio -> ratio > 0));
            browser.screenshot(Path.of(System.getProperty("portico.projectDir"), "target", "dashboard.png"));

            assertThat(LoopbackSockets.of(browser.chromedriverPid())).filteredOn(LoopbackSockets.Socket::listening)
                    .isNotEmpty().allMatch(LoopbackSockets.Socket::onLoopbackOnly);
            assertThat(browser.title()).isEqualTo("Portico");
            assertThat(sending.isDone()).as("traffic still flowing").isFalse();
            assertThat(laterRate).isPositive();
            assertThat(metric(browser, "echo", "p99Millis")).get(STRING).matches(NUMBER);
            assertThat(metric(browser, "echo", "cacheHitRatio")).get(STRING).matches(NUMBER);
            assertThat(browser.text("#last-update")).get(STRING).matches("\\d\\d:\\d\\d:\\d\\d");
            assertThat(browser.attribute("[data-route=\"offline\"] [data-upstream]", "data-health")).hasValue("down");
            assertThat(browser.displayed("#error")).isFalse();
        } finally {
            stop.set(true);
            traffic.shutdownNow();
            traffic.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusedKeyShowsAnErrorBanner() throws Exception {
        try (HeadlessBrowser browser = HeadlessBrowser.start(workDir("refused"))) {
            browser.open(uri("/_portico/dashboard"));
            browser.type("#api-key", "not-a-key-of-anyone-0123456789abcdefghijkl");
            browser.click("#connect");

            String banner = await("the error banner", () -> Optional.of("#error").filter(browser::displayed)
                    .flatMap(browser::text));

            assertThat(banner).contains("401");
            assertThat(browser.find("[data-route]")).isEmpty();
        }
    }

    /**
     * Sends requests through the gateway until told to stop, for three minutes at most: fast and slow answers on
     * {@code echo} (so that p50 and p99 differ), cacheable ones on {@code assets}, and refused connections on
     * {@code offline}, whose quota also turns some away.
     */
    private void sendTraffic(AtomicBoolean stop) {
        long deadline = System.nanoTime() + MOST_TRAFFIC.toNanos();
        for (int i = 0; !stop.get() && System.nanoTime() < deadline; i++) {
            try {
                client.send(request(i % 10 == 0 ? "/echo/sleep/40" : "/echo/items/" + i).build(),
                        BodyHandlers.discarding());
                client.send(request("/assets/logo.svg").build(), BodyHandlers.discarding());
                if (i % 4 == 0) {
                    client.send(request("/offline/x").build(), BodyHandlers.discarding());
                }
                Thread.sleep(15);
            } catch (IOException e) {
                // Load only: the page's figures, not each answer, are under test.
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Optional<String> metric(HeadlessBrowser browser, String route, String name) {
        return browser.text("[data-route=\"" + route + "\"] [data-metric=\"" + name + "\"]");
    }

    /** Waits until the page shows a number for a route's metric that {@code wanted} accepts, and returns it. */
    private static double awaitNumber(HeadlessBrowser browser, String route, String name,
            DoublePredicate wanted) throws InterruptedException {
        return await(route + " " + name, () -> metric(browser, route, name).filter(NUMBER.asMatchPredicate())
                .map(Double::parseDouble).filter(wanted::test));
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the dashboard did not show " + what + " within " + WAIT);
    }

    /** Returns a folder for one test's browser profile and chromedriver log, under target/. */
    private static Path workDir(String test) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "dashboard", test));
    }

    /** Starts an upstream whose answers a shared cache may keep for one second, so that it both hits and misses. */
    private static HttpServer startAssets() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", DashboardIT::asset);
        server.start();
        return server;
    }

    private static void asset(HttpExchange exchange) throws IOException {
        byte[] body = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Type", "image/svg+xml");
            exchange.getResponseHeaders().add("Cache-Control", "public, max-age=1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
