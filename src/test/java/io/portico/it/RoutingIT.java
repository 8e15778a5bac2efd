package io.portico.it;

import static io.portico.it.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which route a request takes, by path, method, host, header and query, and the gateway's own answers when none
 * fits. Each route sends to its own upstream base path, so the upstream tells which route was taken.
 */
@RunAsClient
@Tag("portable")
class RoutingIT extends GatewayIT {

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        startBackend();
        GatewayProperties properties = new GatewayProperties()
                .set("portico.trusted-proxies", "127.0.0.0/8, ::1")
                .set("portico.route.users.path", "/users/{id}")
                .set("portico.route.users.methods", "GET, DELETE")
                .set("portico.route.users-list.path", "/users")
                .set("portico.route.api.path", "/api/**")
                .set("portico.route.api-v2.path", "/api/**")
                .set("portico.route.api-v2.header.X-Version", "2")
                .set("portico.route.api-beta.path", "/api/items/**")
                .set("portico.route.api-beta.query.beta", "true|yes")
                .set("portico.route.api-exact.path", "/api/health")
                .set("portico.route.admin.path", "/admin/**")
                .set("portico.route.admin.host", "admin\\.localhost");
        for (String route : new String[] {"users", "users-list", "api", "api-v2", "api-beta", "api-exact", "admin"}) {
            properties.set("portico.route." + route + ".upstream", backend.url() + "/" + route);
        }
        properties.write();
        return Deployments.portico();
    }

    @Test
    void pathVariableRouteTakesOneSegment() throws Exception {
        send("GET", "/users/42");

        assertThat(backend.take().rawUri()).isEqualTo("/users/users/42");
    }

    @Test
    void exactRouteWinsOverCatchAll() throws Exception {
        send("GET", "/api/health");

        assertThat(backend.take().rawUri()).isEqualTo("/api-exact/api/health");
    }

    @Test
    void headerPredicateMakesARouteMoreSpecific() throws Exception {
        send("GET", "/api/items", "X-Version", "2");
        send("GET", "/api/items", "X-Version", "3");

        assertThat(backend.take().rawUri()).isEqualTo("/api-v2/api/items");
        assertThat(backend.take().rawUri()).isEqualTo("/api/api/items");
    }

    @Test
    void queryPredicateMatchesDecodedValues() throws Exception {
        send("GET", "/api/items?beta=yes");
        send("GET", "/api/items?beta=no");

        assertThat(backend.take().rawUri()).isEqualTo("/api-beta/api/items?beta=yes");
        assertThat(backend.take().rawUri()).isEqualTo("/api/api/items?beta=no");
    }

    @Test
    void hostPredicateSelectsByHostName() throws Exception {
        HttpResponse<String> otherHost = send("GET", "/admin/panel");
        RawHttp.Reply adminHost = RawHttp.send(base,
                "GET /admin/panel HTTP/1.1\r\nConnection: close\r\nHost: admin.localhost", "");

        assertProblem(otherHost, 404);
        assertThat(adminHost.status()).isEqualTo(200);
        assertThat(backend.take().rawUri()).isEqualTo("/admin/admin/panel");
    }

    @Test
    void unknownPathGets404Problem() throws Exception {
        HttpResponse<String> response = send("GET", "/nowhere");

        assertProblem(response, 404);
    }

    @Test
    void wrongMethodGets405WithAllow() throws Exception {
        HttpResponse<String> response = send("POST", "/users/42");

        assertProblem(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValue("DELETE, GET");
        assertThat(backend.poll(java.time.Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void dotSegmentsAreRefusedBeforeRouting() throws Exception {
        RawHttp.Reply plain = RawHttp.send(base, "GET /users/../admin/panel HTTP/1.1", "");
        RawHttp.Reply encoded = RawHttp.send(base, "GET /users/%2e%2e/admin/panel HTTP/1.1", "");
        RawHttp.Reply slash = RawHttp.send(base, "GET /users/a%2Fb HTTP/1.1", "");

        assertThat(plain.status()).isEqualTo(400);
        assertThat(encoded.status()).isEqualTo(400);
        assertThat(slash.status()).isEqualTo(400);
        assertThat(backend.poll(java.time.Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void trustedProxyForwardingHeadersAreExtended() throws Exception {
        send("GET", "/users", "X-Forwarded-For", "203.0.113.9", "Forwarded", "for=203.0.113.9",
                "X-Forwarded-Proto", "https");

        EchoBackend.Received received = backend.take();
        assertThat(received.header("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(received.header("Forwarded")).startsWith("for=203.0.113.9, for=127.0.0.1;");
    }

    private HttpResponse<String> send(String method, String target, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://" + base.getHost() + ":" + base.getPort() + target));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.method(method, BodyPublishers.noBody()).build(), BodyHandlers.ofString());
    }
}
