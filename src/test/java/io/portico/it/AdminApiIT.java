package io.portico.it;

import static io.portico.it.HttpAssertions.assertProblem;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The operators' API under {@code /_portico/}: health and readiness for anyone; routes, explain and stats only
 * for the admin role. Answers are compact JSON, checked as text.
 */
@RunAsClient
class AdminApiIT extends GatewayIT {

    private static final String OPERATOR_KEY = "operator-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String VIEWER_KEY = "viewer-key-0123456789abcdefghijklmnopqrstuvwxyz";

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        startBackend();
        new GatewayProperties()
                .set("portico.consumer.operator.api-key-sha256", TestTokens.sha256(OPERATOR_KEY))
                .set("portico.consumer.operator.roles", "portico-admin")
                .set("portico.consumer.viewer.api-key-sha256", TestTokens.sha256(VIEWER_KEY))
                .set("portico.consumer.viewer.roles", "viewer")
                .set("portico.route.stable.path", "/x/**")
                .set("portico.route.stable.upstream", backend.url())
                .set("portico.route.beta.path", "/x/**")
                .set("portico.route.beta.header.X-Version", "2")
                .set("portico.route.beta.upstream", backend.url())
                .set("portico.route.beta.auth", "api-key")
                .set("portico.route.beta.quota", "5/1m")
                .set("portico.route.beta.cache", "on")
                .set("portico.route.counted.path", "/counted/**")
                .set("portico.route.counted.upstream", backend.url())
                .write();
        return Deployments.portico();
    }

    @Test
    void healthAndReadinessAnswerWithoutCredentials() throws Exception {
        HttpResponse<String> health = send(request("/_portico/health"));
        HttpResponse<String> ready = send(request("/_portico/ready"));

        assertJson(health);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertJson(ready);
        assertThat(ready.body()).isEqualTo("{\"status\":\"READY\",\"routes\":3}");
    }

    @Test
    void routesNeedTheAdminRole() throws Exception {
        HttpResponse<String> anonymous = send(request("/_portico/routes"));
        HttpResponse<String> viewer = send(request("/_portico/routes").header("X-API-Key", VIEWER_KEY));
        HttpResponse<String> wrongKey = send(request("/_portico/routes").header("X-API-Key", "wrong-" + VIEWER_KEY));

        assertProblem(anonymous, 401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        assertProblem(viewer, 403);
        assertProblem(wrongKey, 401);
    }

    @Test
    void routesListTheConfiguredRoutesWithTheirPolicies() throws Exception {
        HttpResponse<String> response = admin("/_portico/routes");

        assertJson(response);
        assertThat(ids(response.body())).containsExactlyInAnyOrder("stable", "beta", "counted");
        assertThat(ids(response.body()).indexOf("beta")).as("the more specific route is listed, and tried, first")
                .isLessThan(ids(response.body()).indexOf("stable"));
        String beta = routeObject(response.body(), "beta");
        assertThat(beta).contains("\"path\":\"/x/**\"", "\"predicates\":1", "\"auth\":\"api-key\"",
                "\"cache\":true", "\"quota\":\"", "\"upstreams\":\"" + backend.url());
        String stable = routeObject(response.body(), "stable");
        assertThat(stable).contains("\"predicates\":0", "\"auth\":\"none\"", "\"cache\":false")
                .doesNotContain("\"quota\"");
    }

    @Test
    void explainNamesTheRouteAHeaderPredicateSelectsAndItsStages() throws Exception {
        HttpResponse<String> withHeader = admin(explain("GET", "/x/y") + "&header=" + encode("X-Version:2"));
        HttpResponse<String> withoutHeader = admin(explain("GET", "/x/y"));

        assertJson(withHeader);
        assertThat(withHeader.body()).contains("\"decision\":\"route\"", "\"path\":\"/x/y\"");
        assertThat(routeId(withHeader.body())).isEqualTo("beta");
        assertThat(stages(withHeader.body())).containsExactly("limits:acts", "security:acts", "quota:acts",
                "cache:acts", "dispatch:acts");
        assertThat(routeId(withoutHeader.body())).isEqualTo("stable");
        assertThat(stages(withoutHeader.body())).containsExactly("limits:acts", "security:passes",
                "quota:passes", "cache:passes", "dispatch:acts");
    }

    @Test
    void explainSaysAPathWithDotSegmentsGets400() throws Exception {
        HttpResponse<String> response = admin(explain("GET", "/x/../counted/y"));

        assertJson(response);
        assertThat(response.body()).contains("\"decision\":\"400\"", "\"why\":\"");
    }

    @Test
    void explainSaysAnUnknownPathGets404() throws Exception {
        HttpResponse<String> response = admin(explain("GET", "/nowhere/y"));

        assertJson(response);
        assertThat(response.body()).contains("\"decision\":\"404\"").doesNotContain("\"route\":");
    }

    @Test
    void explainAndStatsNeedTheAdminRole() throws Exception {
        HttpResponse<String> explain = send(request(explain("GET", "/x/y")).header("X-API-Key", VIEWER_KEY));
        HttpResponse<String> stats = send(request("/_portico/stats"));

        assertProblem(explain, 403);
        assertProblem(stats, 401);
    }

    @Test
    void statsShowTheRouteAfterTraffic() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(request("/counted/y")).statusCode()).isEqualTo(200);
        }

        String counted = awaitCountedStats(3);
        assertThat(counted).contains("\"errorRatio\":0", "\"upstreams\":{\"127.0.0.1:" + backend.port()
                + "\":\"up\"}");
    }

    /**
     * Returns the stats object of route {@code counted} once it shows {@code requests}, waiting up to ten
     * seconds: statistics are recorded once the response is complete, which the client may see a moment before.
     */
    private String awaitCountedStats(int requests) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            HttpResponse<String> stats = admin("/_portico/stats");
            assertJson(stats);
            Matcher counted = Pattern.compile("\"counted\":(\\{[^{}]*\"requests\":(\\d+)[^{}]*\\{[^{}]*}})")
                    .matcher(stats.body());
            if (counted.find() && Long.parseLong(counted.group(2)) == requests) {
                return counted.group(1);
            }
            if (System.nanoTime() > deadline) {
                assertThat(stats.body()).as("stats of route counted").contains("\"counted\":{")
                        .contains("\"requests\":" + requests);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private HttpResponse<String> admin(String target) throws Exception {
        return send(request(target).header("X-API-Key", OPERATOR_KEY));
    }

    private static String explain(String method, String path) {
        return "/_portico/explain?method=" + method + "&path=" + encode(path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }

    private static void assertJson(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    /** Returns the route ids listed, in order. */
    private static List<String> ids(String json) {
        return Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json).results().map(match -> match.group(1)).toList();
    }

    /** Returns the JSON object of the route with {@code id}; route objects hold no nested objects. */
    private static String routeObject(String json, String id) {
        Matcher route = Pattern.compile("\\{\"id\":\"" + id + "\"[^{}]*}").matcher(json);
        assertThat(route.find()).as("route " + id + " in " + json).isTrue();
        return route.group();
    }

    /** Returns the id of the route an explanation names. */
    private static String routeId(String json) {
        Matcher route = Pattern.compile("\"route\":\\{\"id\":\"([^\"]+)\"").matcher(json);
        assertThat(route.find()).as("a route in " + json).isTrue();
        return route.group(1);
    }

    /** Returns an explanation's stages as {@code stage:action}, in order. */
    private static List<String> stages(String json) {
        return Pattern.compile("\\{\"stage\":\"([^\"]+)\",\"action\":\"([^\"]+)\"").matcher(json).results()
                .map(match -> match.group(1) + ":" + match.group(2)).toList();
    }
}
