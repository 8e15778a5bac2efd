package io.portico.it;

import static io.portico.it.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Upstream failures and oversized input, each answered with the right status and a problem document. */
@RunAsClient
class UpstreamFailureIT extends GatewayIT {

    private static final int BODY_LIMIT = 1024;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        startBackend();
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

    @Test
    void upstreamSlowerThanReadTimeoutGives504AfterAboutTheTimeout() throws Exception {
        long start = System.nanoTime();

        HttpResponse<String> response = send(request("/sleep/4000"));

        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertProblem(response, 504);
        assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofMillis(3500));
    }

    @Test
    void upstreamWithinReadTimeoutAnswers() throws Exception {
        HttpResponse<String> response = send(request("/sleep/100"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("slept");
    }

    @Test
    void refusedConnectionGives502() throws Exception {
        HttpResponse<String> response = send(request("/refused/x"));

        assertProblem(response, 502);
    }

    @Test
    void declaredBodyOverTheLimitGives413WithoutReachingTheUpstream() throws Exception {
        HttpRequest.Builder request = request("/echo/upload")
                .POST(BodyPublishers.ofByteArray(new byte[BODY_LIMIT + 1]));

        HttpResponse<String> response = send(request);

        assertProblem(response, 413);
        assertThat(backend.poll(Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void chunkedBodyGrowingOverTheLimitGives413() throws Exception {
        HttpRequest.Builder request = request("/echo/upload")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[BODY_LIMIT * 4])));

        HttpResponse<String> response = send(request);

        assertProblem(response, 413);
    }

    @Test
    void bodyAtTheLimitPasses() throws Exception {
        HttpRequest.Builder request = request("/echo/upload")
                .POST(BodyPublishers.ofByteArray(new byte[BODY_LIMIT]));

        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(backend.take().body()).hasSize(BODY_LIMIT);
    }

    @Test
    void headersOverTheLimitGive431() throws Exception {
        HttpRequest.Builder request = request("/echo/big").header("X-Big", "x".repeat(3000));

        HttpResponse<String> response = send(request);

        assertProblem(response, 431);
    }

    @Test
    void malformedContentTypeGives400() throws Exception {
        HttpRequest.Builder request = request("/echo/typed")
                .header("Content-Type", "not a media type")
                .POST(BodyPublishers.ofString("x"));

        HttpResponse<String> response = send(request);

        assertProblem(response, 400);
    }
}
