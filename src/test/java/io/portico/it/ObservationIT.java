package io.portico.it;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Request ids and W3C trace context: what the client gets back and what the upstream receives, for sane, absent
 * and malformed values from the client. The server verifies bearer tokens, so that one it refuses itself can be
 * checked for its request id too.
 */
@RunAsClient
class ObservationIT extends GatewayIT {

    /** A version-00 traceparent as the upstream must receive it: trace id, parent span id, flags. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";

    private static TestTokens tokens;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        startBackend();
        tokens = TestTokens.withNewKey("k1");
        Path pem = Path.of(System.getProperty("java.io.tmpdir"), "observation-it", "public.pem");
        new GatewayProperties()
                .set("mp.jwt.verify.publickey.location", tokens.writePublicPem(pem))
                .set("mp.jwt.verify.issuer", TestTokens.ISSUER)
                .set("mp.jwt.verify.audiences", TestTokens.AUDIENCE)
                .set("portico.route.observed.path", "/observed/**")
                .set("portico.route.observed.upstream", backend.url())
                .set("portico.route.guarded.path", "/guarded/**")
                .set("portico.route.guarded.auth", "jwt")
                .set("portico.route.guarded.upstream", backend.url())
                .write();
        return Deployments.portico();
    }

    @Test
    void clientsSaneRequestIdIsReturnedAndPassedUpstream() throws Exception {
        String requestId = "client-42.retry_1:a";

        HttpResponse<String> response = send(request("/observed/x").header("X-Request-Id", requestId));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(requestId);
        assertThat(backend.take().headers().get("X-Request-Id")).containsExactly(requestId);
    }

    @Test
    void requestWithoutIdGetsANewOneReturnedAndPassedUpstream() throws Exception {
        HttpResponse<String> first = send(request("/observed/x"));
        HttpResponse<String> second = send(request("/observed/x"));

        String firstId = first.headers().firstValue("X-Request-Id").orElseThrow();
        String secondId = second.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(firstId).matches(UUID);
        assertThat(secondId).matches(UUID).isNotEqualTo(firstId);
        assertThat(backend.take().headers().get("X-Request-Id")).containsExactly(firstId);
        assertThat(backend.take().headers().get("X-Request-Id")).containsExactly(secondId);
    }

    @Test
    void malformedRequestIdIsReplacedByANewOne() throws Exception {
        for (String malformed : List.of("has spaces in it", "quote\"d", "x".repeat(129), "semi;colon")) {
            HttpResponse<String> response = send(request("/observed/x").header("X-Request-Id", malformed));

            String returned = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(returned).as("id returned for " + malformed).matches(UUID);
            assertThat(backend.take().headers().get("X-Request-Id")).as("id sent upstream for " + malformed)
                    .containsExactly(returned);
        }
    }

    @Test
    void gatewaysOwnErrorsCarryTheRequestId() throws Exception {
        HttpResponse<String> response = send(request("/nowhere").header("X-Request-Id", "lost-1"));

        HttpAssertions.assertProblem(response, 404);
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("lost-1");
    }

    @Test
    void refusedBearerTokenStillGetsTheRequestId() throws Exception {
        String badlySigned = TestTokens.withNewKey("k1").signed("alice");

        HttpResponse<String> kept = send(request("/guarded/x").header("Authorization", "Bearer " + badlySigned)
                .header("X-Request-Id", "refused-1"));
        HttpResponse<String> created = send(request("/guarded/x").header("Authorization", "Bearer " + badlySigned));

        HttpAssertions.assertProblem(kept, 401);
        assertThat(kept.headers().allValues("X-Request-Id")).containsExactly("refused-1");
        HttpAssertions.assertProblem(created, 401);
        assertThat(created.headers().allValues("X-Request-Id")).singleElement(as(InstanceOfAssertFactories.STRING))
                .matches(UUID);
    }

    @Test
    void validTraceparentKeepsItsTraceIdWithTheGatewayAsNewParent() throws Exception {
        for (String flags : List.of("01", "00")) {
            String traceparent = "00-" + TRACE_ID + "-" + PARENT_ID + "-" + flags;

            assertThat(send(request("/observed/x").header("traceparent", traceparent)).statusCode()).isEqualTo(200);

            Matcher upstream = upstreamTraceparent();
            assertThat(upstream.group(1)).as("trace id").isEqualTo(TRACE_ID);
            assertThat(upstream.group(2)).as("parent id").isNotEqualTo(PARENT_ID).isNotEqualTo("0".repeat(16));
            assertThat(upstream.group(3)).as("flags").isEqualTo(flags);
        }
    }

    @Test
    void eachHopOfOneTraceGetsItsOwnParentId() throws Exception {
        String traceparent = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

        send(request("/observed/x").header("traceparent", traceparent));
        send(request("/observed/x").header("traceparent", traceparent));

        Matcher first = upstreamTraceparent();
        Matcher second = upstreamTraceparent();
        assertThat(first.group(1)).isEqualTo(second.group(1)).isEqualTo(TRACE_ID);
        assertThat(first.group(2)).isNotEqualTo(second.group(2));
    }

    @Test
    void malformedTraceparentStartsANewTrace() throws Exception {
        List<String> malformed = List.of(
                "garbage",
                "00-" + TRACE_ID.toUpperCase() + "-" + PARENT_ID + "-01",
                "00-" + "0".repeat(32) + "-" + PARENT_ID + "-01",
                "00-" + TRACE_ID + "-" + "0".repeat(16) + "-01",
                "00-" + TRACE_ID.substring(1) + "-" + PARENT_ID + "-01",
                "00-" + TRACE_ID + "-" + PARENT_ID + "-01-extra",
                "00_" + TRACE_ID + "_" + PARENT_ID + "_01");
        for (String traceparent : malformed) {
            assertThat(send(request("/observed/x").header("traceparent", traceparent)).statusCode())
                    .isEqualTo(200);

            Matcher upstream = upstreamTraceparent();
            assertThat(upstream.group(1)).as("trace id sent for " + traceparent)
                    .isNotEqualTo(TRACE_ID).isNotEqualTo(TRACE_ID.substring(1)).isNotEqualTo("0".repeat(32));
            assertThat(upstream.group(2)).as("parent id sent for " + traceparent).isNotEqualTo("0".repeat(16));
        }
    }

    @Test
    void tracestateIsPassedOnWithTheClientsTrace() throws Exception {
        String traceparent = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

        send(request("/observed/x").header("traceparent", traceparent).header("tracestate", "congo=t61rcWkgMzE")
                .header("tracestate", "rojo=00f067aa0ba902b7"));

        EchoBackend.Received upstream = backend.take();
        assertThat(upstream.header("traceparent")).contains(TRACE_ID);
        assertThat(String.join(",", upstream.headers().get("tracestate")).replace(" ", ""))
                .isEqualTo("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
    }

    @Test
    void tracestateIsDroppedWithATraceTheGatewayStartsAnew() throws Exception {
        send(request("/observed/x").header("tracestate", "congo=t61rcWkgMzE"));
        send(request("/observed/x").header("traceparent", "garbage").header("tracestate", "congo=t61rcWkgMzE"));

        assertThat(backend.take().headers()).as("no traceparent from the client").doesNotContainKey("tracestate");
        assertThat(backend.take().headers()).as("malformed traceparent").doesNotContainKey("tracestate");
    }

    @Test
    void requestWithoutTraceparentStartsANewTraceEachTime() throws Exception {
        send(request("/observed/x"));
        send(request("/observed/x"));

        Matcher first = upstreamTraceparent();
        Matcher second = upstreamTraceparent();
        assertThat(first.group(1)).isNotEqualTo(second.group(1)).isNotEqualTo("0".repeat(32));
        assertThat(first.group(2)).isNotEqualTo("0".repeat(16));
    }

    /** Takes the next upstream request and returns its one traceparent, checked against the version-00 format. */
    private static Matcher upstreamTraceparent() throws InterruptedException {
        List<String> values = backend.take().headers().get("traceparent");
        assertThat(values).as("traceparent lines the upstream received").hasSize(1);
        Matcher traceparent = TRACEPARENT.matcher(values.get(0));
        assertThat(traceparent.matches()).as("valid traceparent: " + values.get(0)).isTrue();
        return traceparent;
    }
}
