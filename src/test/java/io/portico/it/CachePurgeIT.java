package io.portico.it;

import static io.portico.it.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Operators purge the response cache through the admin API, which only the admin role may use. */
@RunAsClient
class CachePurgeIT extends GatewayIT {

    private static final String OPERATOR_KEY = "operator-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String VIEWER_KEY = "viewer-key-0123456789abcdefghijklmnopqrstuvwxyz";

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        startBackend();
        new GatewayProperties()
                .set("portico.route.pages.path", "/pages/**")
                .set("portico.route.pages.upstream", backend.url())
                .set("portico.route.pages.cache", "on")
                .set("portico.route.pages.strip-prefix", "1")
                .set("portico.consumer.operator.api-key-sha256", TestTokens.sha256(OPERATOR_KEY))
                .set("portico.consumer.operator.roles", "portico-admin")
                .set("portico.consumer.viewer.api-key-sha256", TestTokens.sha256(VIEWER_KEY))
                .set("portico.consumer.viewer.roles", "viewer")
                .write();
        return Deployments.portico();
    }

    @Test
    void purgeNeedsTheAdminRole() throws Exception {
        HttpResponse<String> anonymous = send(request("/_portico/cache").DELETE());
        HttpResponse<String> viewer = send(request("/_portico/cache").header("X-API-Key", VIEWER_KEY).DELETE());

        assertProblem(anonymous, 401);
        assertProblem(viewer, 403);
    }

    @Test
    void purgedResponseIsFetchedAgain() throws Exception {
        String page = "/pages/cc/purge?h=Cache-Control:max-age%3D600";
        send(request(page));
        send(request(page));
        int fetchedBeforePurge = drain();

        String target = URLEncoder.encode(page, StandardCharsets.UTF_8);
        HttpResponse<String> purge = send(request("/_portico/cache?route=pages&host=" + base.getHost() + ":"
                + base.getPort() + "&target=" + target).header("X-API-Key", OPERATOR_KEY)
                .method("DELETE", BodyPublishers.noBody()));
        send(request(page));

        assertThat(fetchedBeforePurge).as("the second GET was a hit").isEqualTo(1);
        assertThat(purge.statusCode()).isEqualTo(204);
        assertThat(drain()).as("after the purge the page is fetched again").isEqualTo(1);
    }

    private int drain() throws InterruptedException {
        int count = 0;
        while (backend.poll(Duration.ofMillis(300)).isPresent()) {
            count++;
        }
        return count;
    }
}
