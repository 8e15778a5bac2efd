package io.portico.it;

import static io.portico.it.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Tokens verified against a JWKS endpoint whose identity provider rotates its signing key. */
@RunAsClient
class JwksRotationIT extends GatewayIT {

    private static final TestTokens FIRST = TestTokens.withNewKey("first");
    private static final TestTokens SECOND = TestTokens.withNewKey("second");

    private static JwksServer jwks;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        startBackend();
        jwks = JwksServer.start(FIRST.publicJwks());
        new GatewayProperties()
                .set("mp.jwt.verify.publickey.location", jwks.url())
                .set("mp.jwt.verify.issuer", TestTokens.ISSUER)
                .set("mp.jwt.verify.audiences", TestTokens.AUDIENCE)
                .set("portico.route.api.path", "/api/**")
                .set("portico.route.api.auth", "jwt")
                .set("portico.route.api.upstream", backend.url())
                .write();
        return Deployments.portico();
    }

    @AfterAll
    static void stopJwks() {
        jwks.close();
    }

    @Test
    void keyRotatedAtTheIdentityProviderIsFollowed() throws Exception {
        HttpResponse<String> beforeRotation = call(FIRST.signed("alice"));

        jwks.serve(SECOND.publicJwks());
        // The JWKS answer allows caching for one second; after it, the gateway must read the new keys.
        Thread.sleep(2500);
        HttpResponse<String> newKey = call(SECOND.signed("alice"));
        HttpResponse<String> retiredKey = call(FIRST.signed("alice"));

        assertThat(beforeRotation.statusCode()).isEqualTo(200);
        assertThat(newKey.statusCode()).isEqualTo(200);
        assertProblem(retiredKey, 401);
    }

    private HttpResponse<String> call(String token) throws Exception {
        return send(request("/api/x").header("Authorization", "Bearer " + token));
    }
}
