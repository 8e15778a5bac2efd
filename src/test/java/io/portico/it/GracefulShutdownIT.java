package io.portico.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Stopping the server (SIGTERM, as an operator or a container runtime does) lets requests in flight finish within
 * {@code portico.shutdown.grace}, and no longer: on a Payara Micro started as an operator would.
 */
class GracefulShutdownIT {

    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "graceful-shutdown-it");
    private static final Duration GRACE = Duration.ofSeconds(6);
    private static final long SHORT_MILLIS = 3000;
    private static final long LONG_MILLIS = 60_000;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void requestInFlightAtSigtermFinishesAndTheServerExitsAfterTheGrace() throws Exception {
        try (EchoBackend backend = EchoBackend.start()) {
            Files.createDirectories(WORK);
            Path file = Files.writeString(WORK.resolve("portico.properties"), "portico.route.main.path=/**\n"
                    + "portico.route.main.upstream=" + backend.url() + "\n"
                    + "portico.route.main.timeout.read=2m\n"
                    + "portico.shutdown.grace=" + GRACE.toSeconds() + "s\n");
            int port = GatewayProperties.closedPort();

            try (PayaraMicroProcess server = PayaraMicroProcess.start(WORK, port,
                    List.of("-Dportico.config.file=" + file), Map.of())) {
                server.awaitReady(Duration.ofSeconds(120));
                assertThat(client.send(get(port, "/warm-up"), BodyHandlers.ofString()).statusCode())
                        .as("the gateway serving").isEqualTo(200);

                long sentAt = System.nanoTime();
                CompletableFuture<HttpResponse<String>> finishing = client.sendAsync(get(port,
                        "/sleep/" + SHORT_MILLIS), BodyHandlers.ofString());
                CompletableFuture<HttpResponse<String>> overlong = client.sendAsync(get(port,
                        "/sleep/" + LONG_MILLIS), BodyHandlers.ofString());
                awaitInFlight(backend, 2);
                TimeUnit.NANOSECONDS.sleep(sentAt + TimeUnit.SECONDS.toNanos(1) - System.nanoTime());

                long terminatedAt = System.nanoTime();
                CompletableFuture<Integer> exit = server.terminate();
                HttpResponse<String> response = finishing.get(SHORT_MILLIS + 10_000, TimeUnit.MILLISECONDS);

                Duration answeredAfter = Duration.ofNanos(System.nanoTime() - sentAt);
                assertThat(response.statusCode()).as("the request in flight at SIGTERM; log:\n" + server.log())
                        .isEqualTo(200);
                assertThat(response.body()).isEqualTo("slept");
                assertThat(answeredAfter).isGreaterThanOrEqualTo(Duration.ofMillis(SHORT_MILLIS));

                // The longer request holds the server for the grace period only: it ends long before its answer.
                Duration limit = GRACE.plusSeconds(20);
                Integer exitValue;
                try {
                    exitValue = exit.get(limit.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("Payara Micro still running " + limit + " after SIGTERM, with a grace "
                            + "of " + GRACE + "; log:\n" + server.log(), e);
                }
                Duration exitedAfter = Duration.ofNanos(System.nanoTime() - terminatedAt);
                System.out.printf("SIGTERM after %d ms; the request in flight answered %d after %d ms; the server "
                        + "exited with %d after %d ms; the overlong request: %s%n",
                        TimeUnit.NANOSECONDS.toMillis(terminatedAt - sentAt), response.statusCode(),
                        answeredAfter.toMillis(), exitValue, exitedAfter.toMillis(), outcome(overlong));
                assertThat(exitedAfter).as("from SIGTERM to exit").isLessThan(limit);
            }
        }
    }

    /** Waits until the backend holds {@code count} requests, for at most ten seconds. */
    private static void awaitInFlight(EchoBackend backend, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (backend.inFlight() < count) {
            assertThat(System.nanoTime()).as("requests reaching the backend").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static String outcome(CompletableFuture<HttpResponse<String>> request) throws InterruptedException {
        try {
            HttpResponse<String> response = request.get(5, TimeUnit.SECONDS);
            return response.statusCode() + " " + response.body();
        } catch (ExecutionException e) {
            return e.getCause().toString();
        } catch (TimeoutException e) {
            return "no answer yet";
        }
    }

    private static HttpRequest get(int port, String target) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target)).build();
    }
}
