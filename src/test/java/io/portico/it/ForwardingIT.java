package io.portico.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What reaches the upstream and what comes back, through a real Payara Micro and a real upstream. */
@RunAsClient
@Tag("portable")
class ForwardingIT extends GatewayIT {

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        startBackend();
        new GatewayProperties()
                .set("portico.route.echo.path", "/**")
                .set("portico.route.echo.upstream", backend.url())
                .set("portico.route.strip.path", "/strip/**")
                .set("portico.route.strip.strip-prefix", "1")
                .set("portico.route.strip.upstream", backend.url() + "/base/")
                .write();
        return Deployments.portico();
    }

    @Test
    void encodedPathAndQueryReachTheUpstreamByteForByte() throws Exception {
        String target = "/a%20b/c%2Bd?q=a%20b&pct=%25&br=filter[x]&plus=a+b&utf=%C3%A9";

        HttpResponse<String> response = client.send(get(target), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(backend.take().rawUri()).isEqualTo(target);
    }

    @Test
    void formPostBodyIsForwardedUnchanged() throws Exception {
        String form = "name=J%C3%BCrgen+X&empty=&sym=%26%3D";
        HttpRequest request = request("/form")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form)).build();

        client.send(request, BodyHandlers.ofString());

        EchoBackend.Received received = backend.take();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.bodyText()).isEqualTo(form);
        assertThat(received.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(received.header("Content-Length")).isEqualTo(String.valueOf(form.length()));
    }

    @Test
    void emptyPostStaysAnEmptyPost() throws Exception {
        HttpRequest request = request("/empty").POST(BodyPublishers.noBody()).build();

        client.send(request, BodyHandlers.ofString());

        EchoBackend.Received received = backend.take();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.body()).isEmpty();
        assertThat(received.header("Transfer-Encoding")).isNull();
    }

    @Test
    void bodyOfUnknownLengthIsStreamedWhole() throws Exception {
        byte[] payload = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(payload);
        HttpRequest request = request("/upload")
                .PUT(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(payload))).build();

        HttpResponse<String> response = client.send(request, BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        EchoBackend.Received received = backend.take();
        assertThat(received.method()).isEqualTo("PUT");
        assertThat(Arrays.equals(received.body(), payload)).as("body forwarded byte for byte").isTrue();
    }

    @Test
    void patchIsForwarded() throws Exception {
        HttpRequest request = request("/patched")
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"a\":1}")).build();

        client.send(request, BodyHandlers.ofString());

        EchoBackend.Received received = backend.take();
        assertThat(received.method()).isEqualTo("PATCH");
        assertThat(received.bodyText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void headersNamedInConnectionAreNotForwarded() throws Exception {
        String head = "GET /hop-request HTTP/1.1\r\nConnection: close, X-Foo\r\nX-Foo: secret\r\n"
                + "Keep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Authorization: Basic eDp5\r\nX-Bar: kept";

        RawHttp.Reply reply = RawHttp.send(base, head, "");

        assertThat(reply.status()).isEqualTo(200);
        EchoBackend.Received received = backend.take();
        assertThat(received.header("X-Foo")).isNull();
        assertThat(received.header("Keep-Alive")).isNull();
        assertThat(received.header("TE")).isNull();
        assertThat(received.header("Proxy-Authorization")).isNull();
        assertThat(received.header("X-Bar")).isEqualTo("kept");
    }

    @Test
    void upstreamHopByHopHeadersDoNotReachTheClient() throws Exception {
        RawHttp.Reply reply = RawHttp.send(base, "GET /hop HTTP/1.1", "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Secret")).isNull();
        assertThat(reply.header("Keep-Alive")).isNull();
        assertThat(reply.header("Proxy-Authenticate")).isNull();
        assertThat(reply.header("X-Kept")).isEqualTo("kept");
    }

    @Test
    void spoofedForwardingHeadersFromAnUntrustedPeerAreReplaced() throws Exception {
        HttpRequest request = request("/who")
                .header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=203.0.113.9").build();

        client.send(request, BodyHandlers.ofString());

        EchoBackend.Received received = backend.take();
        String listener = base.getHost() + ":" + base.getPort();
        assertThat(received.headers().get("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Forwarded-Host")).isEqualTo(listener);
        assertThat(received.headers().get("Forwarded"))
                .containsExactly("for=127.0.0.1;by=\"127.0.0.1:" + base.getPort() + "\";host=\"" + listener
                        + "\";proto=http");
    }

    @Test
    void endToEndHeadersPassAndHostNamesTheUpstream() throws Exception {
        HttpRequest request = request("/headers")
                .header("Origin", "https://app.example")
                .header("Accept", "text/plain")
                .header("X-Multi", "one").header("X-Multi", "two").build();

        client.send(request, BodyHandlers.ofString());

        EchoBackend.Received received = backend.take();
        assertThat(received.header("Origin")).isEqualTo("https://app.example");
        assertThat(received.header("Accept")).isEqualTo("text/plain");
        assertThat(String.join(",", received.headers().get("X-Multi"))).isIn("one,two", "one, two");
        assertThat(received.header("Host")).isEqualTo("127.0.0.1:" + backend.port());
    }

    @Test
    void statusAndRepeatedResponseHeadersAreRelayed() throws Exception {
        HttpResponse<String> response = client.send(get("/status/201"), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().allValues("Set-Cookie")).containsExactlyInAnyOrder("a=1", "b=2");
        assertThat(response.headers().firstValue("X-Upstream")).hasValue("yes");
        assertThat(response.body()).isEqualTo("status");
    }

    @Test
    void upstreamErrorStatusesPassThroughUnchanged() throws Exception {
        HttpResponse<String> response = client.send(get("/status/503"), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("status");
    }

    @Test
    void redirectsAreHandedToTheClientNotFollowed() throws Exception {
        HttpResponse<String> response = client.send(get("/redirect"), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/elsewhere");
        assertThat(backend.take().rawUri()).isEqualTo("/redirect");
        assertThat(backend.poll(Duration.ofMillis(500))).as("the gateway requested nothing else").isEmpty();
    }

    @Test
    void chunkedResponseReachesTheClientChunkByChunk() throws Exception {
        HttpResponse<InputStream> response = client.send(get("/stream"), BodyHandlers.ofInputStream());

        byte[] first;
        try (InputStream body = response.body()) {
            first = body.readNBytes(EchoBackend.FIRST_CHUNK.length());
            // The upstream holds the second chunk back until now: a buffering gateway could not have sent the first.
            backend.releaseStream();
            String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).isEqualTo(EchoBackend.SECOND_CHUNK);
        }
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(EchoBackend.FIRST_CHUNK);
    }

    @Test
    void stripPrefixRemovesLeadingSegmentsBeforeTheUpstreamBasePath() throws Exception {
        client.send(get("/strip/x/y%20z?k=v"), BodyHandlers.ofString());

        assertThat(backend.take().rawUri()).isEqualTo("/base/x/y%20z?k=v");
    }

    @Test
    void oneUpstreamConnectionServesSuccessiveRequests() throws Exception {
        client.send(get("/first"), BodyHandlers.ofString());
        client.send(get("/second"), BodyHandlers.ofString());

        int firstPort = backend.take().remotePort();
        int secondPort = backend.take().remotePort();
        assertThat(secondPort).as("the second request reuses the pooled connection").isEqualTo(firstPort);
    }

    private HttpRequest get(String target) {
        return request(target).build();
    }
}
