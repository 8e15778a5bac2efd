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
import org.junit.jupiter.api.Test;

/** How configuration reaches the gateway at deployment, on a Payara Micro started as an operator would. */
class ConfigurationIT {

    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "configuration-it");

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void invalidConfigurationFailsTheDeploymentNamingKeyRuleAndValue() throws Exception {
        Path work = WORK.resolve("invalid");
        Path file = write(work, """
                portico.route.bad.path=/bad/**
                portico.route.bad.upstream=ftp://127.0.0.1/files
                portico.route.bad.timeout.read=soon
                portico.route.bad.colour=blue
                """);
        int port = GatewayProperties.closedPort();

        try (PayaraMicroProcess server = PayaraMicroProcess.start(work, port,
                List.of("-Dportico.config.file=" + file), Map.of())) {
            server.awaitReady(Duration.ofSeconds(120));
            HttpResponse<String> response = client.send(get(port, "/bad/x"), BodyHandlers.ofString());

            assertThat(server.log())
                    .contains("Exception while loading the app", "Invalid Portico configuration")
                    .contains("portico.route.bad.timeout.read: must be a duration longer than zero such as 500ms, "
                            + "2s, 1m or 1h; was 'soon'")
                    .contains("portico.route.bad.upstream: upstreams must be absolute http or https URLs "
                            + "without user info, query or fragment; was 'ftp://127.0.0.1/files'")
                    .contains("portico.route.bad.colour: is not a known route key");
            // Payara answers for the failed application itself (500 or 404): nothing is forwarded.
            assertThat(response.statusCode()).as("the application is not serving").isIn(404, 500, 503);
            assertThat(response.headers().firstValue("Content-Type")).isNotEqualTo(
                    java.util.Optional.of("application/problem+json"));
        }
    }

    @Test
    void environmentVariablesAndSystemPropertiesOverrideTheFile() throws Exception {
        try (EchoBackend fileBackend = EchoBackend.start(); EchoBackend envBackend = EchoBackend.start()) {
            Path work = WORK.resolve("override");
            Path file = write(work, "portico.route.main.path=/**\n"
                    + "portico.route.main.upstream=" + fileBackend.url() + "\n"
                    + "portico.route.main.strip-prefix=0\n");
            Map<String, String> env = Map.of("PORTICO_ROUTE_MAIN_UPSTREAM", envBackend.url(),
                    "PORTICO_ROUTE_MAIN_STRIP_PREFIX", "1");
            int port = GatewayProperties.closedPort();

            try (PayaraMicroProcess server = PayaraMicroProcess.start(work, port,
                    List.of("-Dportico.config.file=" + file, "-Dportico.route.main.strip-prefix=2"), env)) {
                server.awaitReady(Duration.ofSeconds(120));
                HttpResponse<String> response = client.send(get(port, "/one/two/three"), BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(envBackend.take().rawUri()).as("upstream from the environment, strip-prefix from the "
                        + "system property").isEqualTo("/three");
                assertThat(fileBackend.poll(Duration.ofMillis(200))).isEmpty();
            }
        }
    }

    private static Path write(Path work, String properties) throws Exception {
        Files.createDirectories(work);
        return Files.writeString(work.resolve("portico.properties"), properties);
    }

    private static HttpRequest get(int port, String target) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target)).build();
    }
}
