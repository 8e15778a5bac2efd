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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro members in one data grid on loopback, sharing a quota through the server's clustered JCache:
 * together they let the limit through once, not once each.
 */
class ClusterQuotaIT {

    private static final int LIMIT = 20;
    private static final int CONCURRENT = 64;

    @Test
    void twoMembersShareOneBudget() throws Exception {
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "cluster-quota-it");
        try (EchoBackend backend = EchoBackend.start()) {
            Path properties = Files.createDirectories(work).resolve("portico.properties");
            Files.writeString(properties, "portico.quota.store=cluster\n"
                    + "portico.route.burst.path=/**\nportico.route.burst.upstream=" + backend.url() + "\n"
                    + "portico.route.burst.quota=" + LIMIT + "/10m\nportico.route.burst.quota.key=route\n");
            List<String> jvm = List.of("-Dportico.config.file=" + properties);
            int[] ports = {GatewayProperties.closedPort(), GatewayProperties.closedPort()};

            try (PayaraMicroProcess first = PayaraMicroProcess.startClustered(work.resolve("a"), ports[0], jvm);
                    PayaraMicroProcess second = PayaraMicroProcess.startClustered(work.resolve("b"), ports[1], jvm)) {
                first.awaitReady(Duration.ofSeconds(180));
                second.awaitReady(Duration.ofSeconds(180));
                first.awaitLog("DG Size: 2", Duration.ofSeconds(60));
                assertThat(first.log()).contains("Portico quotas on 1 routes, store cluster");
                assertThat(second.log()).contains("Portico quotas on 1 routes, store cluster");

                List<Integer> statuses = sendConcurrently(ports);

                assertThat(statuses).filteredOn(status -> status == 200).hasSize(LIMIT);
                assertThat(statuses).filteredOn(status -> status == 429).hasSize(CONCURRENT - LIMIT);
            }
        }
    }

    /** Sends the requests all at once, alternating between the members. */
    private static List<Integer> sendConcurrently(int[] ports) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                URI target = URI.create("http://127.0.0.1:" + ports[i % 2] + "/burst/" + i);
                calls.add(CompletableFuture.supplyAsync(() -> status(client, target), pool));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> call : calls) {
                statuses.add(call.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int status(HttpClient client, URI target) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(target).build(),
                    BodyHandlers.ofString());
            return response.statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
