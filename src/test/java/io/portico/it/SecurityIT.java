package io.portico.it;

import static io.portico.it.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Authentication and authorization at the gateway: MicroProfile JWT verified by the server, API keys, per-route
 * roles and scopes, identity headers, and every token and path trick that must not get through. Each route sends
 * to its own upstream base path, so the upstream tells which route a request took.
 */
@RunAsClient
@Tag("portable")
class SecurityIT extends GatewayIT {

    private static final String BILLING_KEY = "billing-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String VIEWER_KEY = "viewer-key-0123456789abcdefghijklmnopqrstuvwxyz";

    private static TestTokens tokens;
    private static TestTokens strangers;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        startBackend();
        tokens = TestTokens.withNewKey("k1");
        strangers = TestTokens.withNewKey("k1");
        Path pem = Path.of(System.getProperty("java.io.tmpdir"), "security-it", "public.pem");
        GatewayProperties properties = new GatewayProperties()
                .set("mp.jwt.verify.publickey.location", tokens.writePublicPem(pem))
                .set("mp.jwt.verify.issuer", TestTokens.ISSUER)
                .set("mp.jwt.verify.audiences", TestTokens.AUDIENCE)
                .set("mp.jwt.verify.clock.skew", "5")
                .set("portico.consumer.billing.api-key-sha256", TestTokens.sha256(BILLING_KEY))
                .set("portico.consumer.billing.roles", "partner")
                .set("portico.consumer.viewer.api-key-sha256", TestTokens.sha256(VIEWER_KEY))
                .set("portico.consumer.viewer.roles", "viewer")
                .set("portico.route.admin.auth", "jwt")
                .set("portico.route.admin.roles", "admin")
                .set("portico.route.partner.auth", "api-key")
                .set("portico.route.partner.roles", "partner")
                .set("portico.route.either.auth", "jwt, api-key")
                .set("portico.route.orders.auth", "jwt")
                .set("portico.route.orders.scopes", "orders:read")
                .set("portico.route.opaque.auth", "jwt")
                .set("portico.route.opaque.forward-authorization", "false");
        for (String route : List.of("public", "admin", "partner", "either", "orders", "opaque")) {
            properties.set("portico.route." + route + ".path", "/" + route + "/**")
                    .set("portico.route." + route + ".upstream", backend.url() + "/via-" + route);
        }
        properties.write();
        return Deployments.portico();
    }

    @Test
    void tokenWithTheRolePassesWithTheGatewaysIdentityHeaders() throws Exception {
        String token = tokens.signed("alice", "admin", "staff");

        HttpResponse<String> response = send(request("/admin/report").header("Authorization", "Bearer " + token)
                .header("X-Portico-Subject", "mallory").header("X-Portico-Roles", "root"));

        assertThat(response.statusCode()).isEqualTo(200);
        EchoBackend.Received received = backend.take();
        assertThat(received.rawUri()).isEqualTo("/via-admin/admin/report");
        assertThat(received.headers().get("X-Portico-Subject")).containsExactly("alice");
        assertThat(received.headers().get("X-Portico-Consumer")).containsExactly("alice");
        assertThat(received.headers().get("X-Portico-Roles")).containsExactly("admin,staff");
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void noTokenGets401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = send(request("/admin/report"));

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"portico\"");
        assertNothingForwarded();
    }

    @Test
    void tokenWithoutTheRoleGets403() throws Exception {
        HttpResponse<String> response = sendWithToken("/admin/report", tokens.signed("bob", "staff"));

        assertProblem(response, 403);
        assertNothingForwarded();
    }

    @Test
    void badlySignedTokenIsRefusedSoTheMechanismIsActive() throws Exception {
        assertRefused(strangers.signed("alice", "admin"));
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() throws Exception {
        assertRefused(TestTokens.unsigned("alice", "admin"));
    }

    @Test
    void hs256TokenSignedWithThePublicKeyIsRefused() throws Exception {
        assertRefused(tokens.hmacWithPublicKey("alice", "admin"));
    }

    @Test
    void tokenExpiredBeyondTheClockSkewIsRefused() throws Exception {
        assertRefused(tokens.signed("alice", claims -> claims.expirationTime(secondsFromNow(-60)), "admin"));
    }

    @Test
    void tokenNotValidBeforeAnHourFromNowIsRefused() throws Exception {
        assertRefused(tokens.signed("alice", claims -> claims.notBeforeTime(secondsFromNow(3600)), "admin"));
    }

    @Test
    void tokenNotValidBeforeAMomentWithinTheSkewPasses() throws Exception {
        String token = tokens.signed("alice", claims -> claims.notBeforeTime(secondsFromNow(2)), "admin");

        assertThat(sendWithToken("/admin/report", token).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() throws Exception {
        assertRefused(tokens.signed("alice", claims -> claims.issuer("https://elsewhere.test"), "admin"));
    }

    @Test
    void tokenForAnotherAudienceIsRefused() throws Exception {
        assertRefused(tokens.signed("alice", claims -> claims.audience("someone-else"), "admin"));
    }

    @Test
    void tokenWithTwoSegmentsIsRefused() throws Exception {
        String token = tokens.signed("alice", "admin");

        assertRefused(token.substring(0, token.lastIndexOf('.')));
    }

    @Test
    void tokenThatIsNotBase64IsRefused() throws Exception {
        assertRefused("!!!.@@@.###");
    }

    @Test
    void sixteenKibTokenIsRefusedByTheHeaderLimitBeforeAnyVerification() throws Exception {
        String token = "a".repeat(8192) + "." + "b".repeat(8192) + ".c";

        HttpResponse<String> response = sendWithToken("/admin/report", token);
        assertProblem(response, 431);
        assertThat(response.body()).doesNotContain(token);
        assertNothingForwarded();
    }

    @Test
    void apiKeyWithTheRolePassesAsItsConsumerAndIsNotForwarded() throws Exception {
        HttpResponse<String> response = send(request("/partner/invoices").header("X-API-Key", BILLING_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        EchoBackend.Received received = backend.take();
        assertThat(received.header("X-Portico-Consumer")).isEqualTo("billing");
        assertThat(received.header("X-Portico-Roles")).isEqualTo("partner");
        assertThat(received.header("X-API-Key")).isNull();
    }

    @Test
    void unknownApiKeyGets401WithAnApiKeyChallenge() throws Exception {
        HttpResponse<String> response = send(request("/partner/invoices").header("X-API-Key", "guess"));

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("ApiKey realm=\"portico\", header=\"X-API-Key\", error=\"invalid_key\"");
        assertNothingForwarded();
    }

    @Test
    void apiKeyWithoutTheRoleGets403() throws Exception {
        HttpResponse<String> response = send(request("/partner/invoices").header("X-API-Key", VIEWER_KEY));

        assertProblem(response, 403);
        assertNothingForwarded();
    }

    @Test
    void routeTakingEitherAcceptsATokenOrAKey() throws Exception {
        HttpResponse<String> byToken = sendWithToken("/either/x", tokens.signed("carol"));
        HttpResponse<String> byKey = send(request("/either/x").header("X-API-Key", VIEWER_KEY));
        HttpResponse<String> byNothing = send(request("/either/x"));

        assertThat(byToken.statusCode()).isEqualTo(200);
        assertThat(byKey.statusCode()).isEqualTo(200);
        assertProblem(byNothing, 401);
        assertThat(byNothing.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"portico\", ApiKey realm=\"portico\", header=\"X-API-Key\"");
    }

    @Test
    void tokenWithoutTheScopeGets403InsufficientScope() throws Exception {
        HttpResponse<String> response = sendWithToken("/orders/1", tokens.signed("dave",
                claims -> claims.claim("scope", "orders:write"), "staff"));

        assertProblem(response, 403);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"portico\", error=\"insufficient_scope\"");
    }

    @Test
    void tokenWithTheScopePasses() throws Exception {
        HttpResponse<String> response = sendWithToken("/orders/1", tokens.signed("dave",
                claims -> claims.claim("scope", "orders:write orders:read"), "staff"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void authorizationStaysAtTheGatewayWhereTheRouteSaysSo() throws Exception {
        HttpResponse<String> response = sendWithToken("/opaque/x", tokens.signed("erin"));

        assertThat(response.statusCode()).isEqualTo(200);
        EchoBackend.Received received = backend.take();
        assertThat(received.header("Authorization")).isNull();
        assertThat(received.header("X-Portico-Subject")).isEqualTo("erin");
    }

    @Test
    void openRouteForwardsABearerTokenUnverified() throws Exception {
        HttpResponse<String> response = sendWithToken("/public/x", strangers.signed("mallory", "admin"));

        assertThat(response.statusCode()).isEqualTo(200);
        EchoBackend.Received received = backend.take();
        assertThat(received.header("Authorization")).startsWith("Bearer ");
        assertThat(received.header("X-Portico-Subject")).isNull();
    }

    @Test
    void apiKeyRouteDoesNotTakeABearerTokenForAKey() throws Exception {
        HttpResponse<String> response = sendWithToken("/partner/invoices", tokens.signed("alice", "partner"));

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("ApiKey realm=\"portico\", header=\"X-API-Key\"");
        assertNothingForwarded();
    }

    @Test
    void openRouteRemovesIdentityHeadersTheClientMadeUp() throws Exception {
        send(request("/public/x").header("X-Portico-Subject", "admin").header("X-Portico-Roles", "admin"));

        EchoBackend.Received received = backend.take();
        assertThat(received.header("X-Portico-Subject")).isNull();
        assertThat(received.header("X-Portico-Roles")).isNull();
    }

    @Test
    void identityAndForwardingHeadersSpelledWithUnderscoresAreRemovedToo() throws Exception {
        // CGI and WSGI upstreams read X_Portico_Subject as X-Portico-Subject.
        send(request("/admin/x").header("Authorization", "Bearer " + tokens.signed("alice", "admin"))
                .header("X_Portico_Subject", "root").header("x_portico_roles", "superuser")
                .header("X_Forwarded_For", "203.0.113.9"));

        EchoBackend.Received received = backend.take();
        assertThat(received.headers().keySet()).noneMatch(name -> name.contains("_"));
        assertThat(received.headers().get("X-Portico-Subject")).containsExactly("alice");
    }

    @Test
    void twoApiKeysAreRefusedAsAmbiguous() throws Exception {
        HttpResponse<String> response = send(request("/partner/invoices").header("X-API-Key", BILLING_KEY)
                .header("X-API-Key", "guess"));

        assertProblem(response, 401);
        assertNothingForwarded();
    }

    @Test
    void pathTricksNeverReachTheProtectedRouteWithoutCredentials() throws Exception {
        List<String> tricks = List.of("/public/../admin/x", "/public/%2e%2e/admin/x", "/public/%2E%2E/admin/x",
                "/public/..%2fadmin/x", "/public%2F..%2Fadmin/x", "/public/..%5Cadmin/x", "/public/..%5cadmin/x",
                "//admin/x", "/admin//x", "/public/x/../../admin/x", "/public/..;/admin/x", "/./admin/x",
                "/public/x#/../../admin/x", "/public/%252e%252e/admin/x", "/public/.%2e/admin/x");

        for (String trick : tricks) {
            RawHttp.Reply reply = RawHttp.send(base, "GET " + trick + " HTTP/1.1", "");

            Optional<EchoBackend.Received> forwarded = backend.poll(Duration.ofMillis(100));
            if (forwarded.isPresent()) {
                assertThat(forwarded.get().rawUri()).as(trick).startsWith("/via-public/");
            } else {
                assertThat(reply.status()).as(trick).isIn(400, 401, 404);
            }
        }
    }

    @Test
    void serverAnswersOfItsOwnAreProblemsToo() throws Exception {
        RawHttp.Reply reply = RawHttp.send(base, "GET /WEB-INF/web.xml HTTP/1.1", "");

        assertThat(reply.status()).isEqualTo(404);
        if (Servers.current().routesProtectedPathsToErrorPages()) {
            assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        } else {
            assertThat(reply.body()).doesNotContain("web-app");
        }
    }

    private void assertRefused(String token) throws Exception {
        HttpResponse<String> response = sendWithToken("/admin/report", token);

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"portico\", error=\"invalid_token\"");
        assertThat(response.body()).doesNotContain(token);
        assertNothingForwarded();
    }

    private HttpResponse<String> sendWithToken(String target, String token) throws Exception {
        return send(request(target).header("Authorization", "Bearer " + token));
    }

    private void assertNothingForwarded() throws InterruptedException {
        assertThat(backend.poll(Duration.ofMillis(200))).as("nothing reaches the upstream").isEmpty();
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }
}
