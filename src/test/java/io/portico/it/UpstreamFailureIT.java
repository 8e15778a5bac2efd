package io.portico.it;

import static io.portico.it.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upstream failures and oversized input, each answered with the right status and a problem document. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UpstreamFailureIT {

    private static final int BODY_LIMIT = 1024;

    private static EchoBackend backend;

    private final HttpClient client = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        backend = EchoBackend.start();
        new GatewayProperties()
                .set("portico.limits.request-body", BODY_LIMIT + "B")
                .set("portico.limits.request-headers", "2KiB")
                .set("portico.route.slow.path", "/sleep/**")
                .set("portico.route.slow.upstream", backend.url())
                .set("portico.route.slow.timeout.read", "1s")
                .set("portico.route.refused.path", "/refused/**")
                .set("portico.route.refused.upstream", "http://127.0.0.1:" + GatewayProperties.closedPort())
                .set("portico.route.echo.path", "/echo/**")
                .set("portico.route.echo.upstream", backend.url())
                .write();
        return Deployments.portico();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        backend.clear();
    }

    @Test
    void upstreamSlowerThanReadTimeoutGives504AfterAboutTheTimeout() throws Exception {
        long start = System.nanoTime();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/sleep/4000")));

        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertProblem(response, 504);
        assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofMillis(3500));
    }

    @Test
    void upstreamWithinReadTimeoutAnswers() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/sleep/100")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("slept");
    }

    @Test
    void refusedConnectionGives502() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/refused/x")));

        assertProblem(response, 502);
    }

    @Test
    void declaredBodyOverTheLimitGives413WithoutReachingTheUpstream() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/echo/upload"))
                .POST(BodyPublishers.ofByteArray(new byte[BODY_LIMIT + 1]));

        HttpResponse<String> response = send(request);

        assertProblem(response, 413);
        assertThat(backend.poll(Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void chunkedBodyGrowingOverTheLimitGives413() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/echo/upload"))
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[BODY_LIMIT * 4])));

        HttpResponse<String> response = send(request);

        assertProblem(response, 413);
    }

    @Test
    void bodyAtTheLimitPasses() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/echo/upload"))
                .POST(BodyPublishers.ofByteArray(new byte[BODY_LIMIT]));

        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(backend.take().body()).hasSize(BODY_LIMIT);
    }

    @Test
    void headersOverTheLimitGive431() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/echo/big")).header("X-Big", "x".repeat(3000));

        HttpResponse<String> response = send(request);

        assertProblem(response, 431);
    }

    @Test
    void malformedContentTypeGives400() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/echo/typed"))
                .header("Content-Type", "not a media type")
                .POST(BodyPublishers.ofString("x"));

        HttpResponse<String> response = send(request);

        assertProblem(response, 400);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
    }

    private URI uri(String target) {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + target);
    }
}
