package io.portico.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server's log under a stream of bad tokens, on a Payara Micro started with the project's own server
 * configuration: one line per refusal, no stack traces.
 */
class TokenRejectionLogIT {

    private static final int REFUSALS = 5;

    @Test
    void eachRefusedTokenLeavesOneLogLine() throws Exception {
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "token-log-it");
        TestTokens issuer = TestTokens.withNewKey("k");
        TestTokens stranger = TestTokens.withNewKey("k");
        Path properties = work.resolve("portico.properties");
        Files.createDirectories(work);
        Files.writeString(properties, "mp.jwt.verify.publickey.location=" + issuer.writePublicPem(
                work.resolve("public.pem")) + "\nmp.jwt.verify.issuer=" + TestTokens.ISSUER
                + "\nportico.route.api.path=/api/**\nportico.route.api.auth=jwt"
                + "\nportico.route.api.upstream=http://127.0.0.1:" + GatewayProperties.closedPort() + "\n");
        int port = GatewayProperties.closedPort();
        HttpClient client = HttpClient.newHttpClient();

        try (PayaraMicroProcess server = PayaraMicroProcess.start(work, port,
                List.of("-Dportico.config.file=" + properties), Map.of())) {
            server.awaitReady(Duration.ofSeconds(120));
            int linesBefore = server.log().split("\n").length;
            for (int i = 0; i < REFUSALS; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/x"))
                        .header("Authorization", "Bearer " + stranger.signed("mallory")).build();
                assertThat(client.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            }
            Thread.sleep(500);

            List<String> after = List.of(server.log().split("\n")).subList(linesBefore, server.log().split("\n")
                    .length);
            assertThat(after).filteredOn(line -> line.contains("401 on route api")
                    && line.endsWith(": invalid-token")).hasSize(REFUSALS);
            assertThat(after).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
        }
    }
}
