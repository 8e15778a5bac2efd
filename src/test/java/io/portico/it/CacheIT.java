package io.portico.it;

import static io.portico.it.HttpAssertions.assertProblem;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shared HTTP cache on a real Payara Micro: what it stores, what it serves, how it validates and what
 * invalidates it. The upstream's {@code /cc/} paths answer with the headers each test scripts in the query and
 * count their requests in the body ({@code #1}, {@code #2}), so the body tells whether an answer came from the
 * cache. Each test uses paths of its own, as stored responses outlive a test.
 */
@RunAsClient
@Tag("portable")
class CacheIT extends GatewayIT {

    private static final int MAX_ENTRY_BYTES = 1024;

    /** Two users' valid tokens: the server's MicroProfile JWT refuses a bearer token it cannot verify on any route. */
    private static String aliceAuthorization;
    private static String bobAuthorization;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        startBackend();
        TestTokens tokens = TestTokens.withNewKey("k1");
        aliceAuthorization = "Bearer " + tokens.signed("alice");
        bobAuthorization = "Bearer " + tokens.signed("bob");
        Path pem = Path.of(System.getProperty("java.io.tmpdir"), "cache-it", "public.pem");
        new GatewayProperties()
                .set("mp.jwt.verify.publickey.location", tokens.writePublicPem(pem))
                .set("mp.jwt.verify.issuer", TestTokens.ISSUER)
                .set("mp.jwt.verify.audiences", TestTokens.AUDIENCE)
                .set("portico.cache.max-entry-size", MAX_ENTRY_BYTES + "B")
                .set("portico.route.cached.path", "/cached/**")
                .set("portico.route.cached.upstream", backend.url())
                .set("portico.route.cached.strip-prefix", "1")
                .set("portico.route.cached.cache", "on")
                .set("portico.route.plain.path", "/plain/**")
                .set("portico.route.plain.upstream", backend.url())
                .set("portico.route.plain.strip-prefix", "1")
                .set("portico.route.broken.path", "/broken/**")
                .set("portico.route.broken.upstream", "http://127.0.0.1:" + GatewayProperties.closedPort())
                .set("portico.route.broken.cache", "on")
                .write();
        return Deployments.portico();
    }

    @Test
    void freshResponseIsServedFromTheCacheWithItsAgeAndAHit() throws Exception {
        String target = scripted("/cached/cc/fresh", "Cache-Control: max-age=60");

        HttpResponse<String> first = send(request(target));
        HttpResponse<String> second = send(request(target));

        assertThat(first.body()).isEqualTo("#1");
        assertThat(first.headers().firstValue("Cache-Status")).hasValue("Portico; fwd=uri-miss");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo("#1");
        assertThat(second.headers().firstValue("Cache-Status")).hasValue("Portico; hit");
        assertThat(second.headers().firstValue("Age")).hasValueSatisfying(age ->
                assertThat(Long.parseLong(age)).isBetween(0L, 5L));
        assertThat(upstreamRequests()).hasSize(1);
    }

    @Test
    void routeWithoutCacheForwardsEveryRequest() throws Exception {
        String target = scripted("/plain/cc/uncached", "Cache-Control: max-age=60");

        HttpResponse<String> first = send(request(target));
        HttpResponse<String> second = send(request(target));

        assertThat(first.body()).isEqualTo("#1");
        assertThat(second.body()).isEqualTo("#2");
        assertThat(second.headers().firstValue("Cache-Status")).isEmpty();
        assertThat(upstreamRequests()).hasSize(2);
    }

    @Test
    void noStoreResponseIsNeverStored() throws Exception {
        assertNeverStored(scripted("/cached/cc/no-store", "Cache-Control: max-age=60, no-store"));
    }

    @Test
    void privateResponseIsNeverStored() throws Exception {
        assertNeverStored(scripted("/cached/cc/private", "Cache-Control: private, max-age=60"));
    }

    @Test
    void eachValueOfAVariedHeaderHasItsOwnStoredResponse() throws Exception {
        String target = scripted("/cached/cc/vary", "Cache-Control: max-age=60", "Vary: Accept-Language");

        HttpResponse<String> english = send(request(target).header("Accept-Language", "en"));
        HttpResponse<String> german = send(request(target).header("Accept-Language", "de"));
        HttpResponse<String> englishAgain = send(request(target).header("Accept-Language", "en"));
        HttpResponse<String> germanAgain = send(request(target).header("Accept-Language", "de"));

        assertThat(english.body()).isEqualTo("#1");
        assertThat(german.body()).isEqualTo("#2");
        assertThat(englishAgain.body()).isEqualTo("#1");
        assertThat(englishAgain.headers().firstValue("Cache-Status")).hasValue("Portico; hit");
        assertThat(germanAgain.body()).isEqualTo("#2");
        assertThat(germanAgain.headers().firstValue("Cache-Status")).hasValue("Portico; hit");
        assertThat(upstreamRequests()).hasSize(2);
    }

    @Test
    void staleResponseIsValidatedWithIfNoneMatchAndA304MakesItFreshAgain() throws Exception {
        String target = scripted("/cached/cc/validated", "Cache-Control: max-age=3", "ETag: \"v1\"");
        send(request(target));
        Thread.sleep(4000);

        HttpResponse<String> validated = send(request(target));
        HttpResponse<String> afterwards = send(request(target));

        List<EchoBackend.Received> upstream = upstreamRequests();
        assertThat(upstream).hasSize(2);
        assertThat(upstream.get(0).header("If-None-Match")).isNull();
        assertThat(upstream.get(1).header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(validated.statusCode()).isEqualTo(200);
        assertThat(validated.body()).isEqualTo("#1");
        assertThat(validated.headers().firstValue("X-Count")).as("header of the 304").hasValue("2");
        assertThat(validated.headers().firstValue("Cache-Status")).hasValue("Portico; fwd=stale; fwd-status=304");
        assertThat(afterwards.body()).isEqualTo("#1");
        assertThat(afterwards.headers().firstValue("X-Count")).hasValue("2");
        assertThat(afterwards.headers().firstValue("Cache-Status")).hasValue("Portico; hit");
    }

    @Test
    void clientsOwnIfNoneMatchIsAnsweredByTheCacheWhileFresh() throws Exception {
        String target = scripted("/cached/cc/conditional", "Cache-Control: max-age=60", "ETag: \"v1\"");
        send(request(target));

        HttpResponse<String> matching = send(request(target).header("If-None-Match", "\"v0\", \"v1\""));
        HttpResponse<String> other = send(request(target).header("If-None-Match", "\"v0\""));

        assertThat(matching.statusCode()).isEqualTo(304);
        assertThat(matching.body()).isEmpty();
        assertThat(matching.headers().firstValue("ETag")).hasValue("\"v1\"");
        assertThat(matching.headers().firstValue("Cache-Status")).hasValue("Portico; hit");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo("#1");
        assertThat(upstreamRequests()).hasSize(1);
    }

    @Test
    void postToAUriInvalidatesItsStoredResponse() throws Exception {
        String target = scripted("/cached/cc/posted", "Cache-Control: max-age=60");
        send(request(target));
        HttpResponse<String> hit = send(request(target));

        HttpResponse<String> post = send(request(target).POST(BodyPublishers.ofString("change")));
        HttpResponse<String> afterPost = send(request(target));

        assertThat(hit.headers().firstValue("Cache-Status")).hasValue("Portico; hit");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(afterPost.body()).isEqualTo("#3");
        assertThat(afterPost.headers().firstValue("Cache-Status")).hasValue("Portico; fwd=uri-miss");
        assertThat(upstreamRequests()).extracting(EchoBackend.Received::method).containsExactly("GET", "POST", "GET");
    }

    @Test
    void deleteOfAUriInvalidatesItsStoredResponse() throws Exception {
        String target = scripted("/cached/cc/deleted", "Cache-Control: max-age=60");
        send(request(target));
        HttpResponse<String> hit = send(request(target));

        HttpResponse<String> delete = send(request(target).DELETE());
        HttpResponse<String> afterDelete = send(request(target));

        assertThat(hit.headers().firstValue("Cache-Status")).hasValue("Portico; hit");
        assertThat(delete.statusCode()).isEqualTo(200);
        assertThat(afterDelete.body()).isEqualTo("#3");
        assertThat(upstreamRequests()).extracting(EchoBackend.Received::method)
                .containsExactly("GET", "DELETE", "GET");
    }

    @Test
    void locationOfASuccessfulPostInvalidatesThatUri() throws Exception {
        String item = scripted("/cached/cc/item", "Cache-Control: max-age=60");
        send(request(item));
        HttpResponse<String> hit = send(request(item));

        HttpResponse<String> created = send(request(scripted("/cached/cc/items", "Location: " + item)
                + "&status=201").POST(BodyPublishers.ofString("new item")));
        HttpResponse<String> afterPost = send(request(item));

        assertThat(hit.headers().firstValue("Cache-Status")).hasValue("Portico; hit");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(afterPost.body()).isEqualTo("#2");
        assertThat(afterPost.headers().firstValue("Cache-Status")).hasValue("Portico; fwd=uri-miss");
    }

    @Test
    void responseToARequestWithAuthorizationIsNotStoredWithoutPublicOrSMaxage() throws Exception {
        String target = scripted("/cached/cc/authorized", "Cache-Control: max-age=60");

        HttpResponse<String> alice = send(request(target).header("Authorization", aliceAuthorization));
        HttpResponse<String> bob = send(request(target).header("Authorization", bobAuthorization));
        HttpResponse<String> aliceAgain = send(request(target).header("Authorization", aliceAuthorization));

        assertThat(alice.body()).isEqualTo("#1");
        assertThat(bob.body()).isEqualTo("#2");
        assertThat(aliceAgain.body()).isEqualTo("#3");
        assertThat(upstreamRequests()).extracting(received -> received.header("Authorization"))
                .containsExactly(aliceAuthorization, bobAuthorization, aliceAuthorization);
    }

    @Test
    void publicLetsTheSharedCacheServeOneUsersAuthorizedResponseToAnotherUser() throws Exception {
        // RFC 9111 section 3.5: public permits a shared cache to reuse a response to a request with Authorization;
        // the cache key does not include the credentials, so whoever asks next gets the stored response.
        String target = scripted("/cached/cc/public", "Cache-Control: public, max-age=60");

        HttpResponse<String> alice = send(request(target).header("Authorization", aliceAuthorization));
        HttpResponse<String> bob = send(request(target).header("Authorization", bobAuthorization));

        assertThat(alice.body()).isEqualTo("#1");
        assertThat(bob.body()).isEqualTo("#1");
        assertThat(bob.headers().firstValue("Cache-Status")).hasValue("Portico; hit");
        assertThat(upstreamRequests()).extracting(received -> received.header("Authorization"))
                .containsExactly(aliceAuthorization);
    }

    @Test
    void sMaxageLetsTheSharedCacheServeOneUsersAuthorizedResponseToAnotherUser() throws Exception {
        String target = scripted("/cached/cc/s-maxage", "Cache-Control: s-maxage=60");

        HttpResponse<String> alice = send(request(target).header("Authorization", aliceAuthorization));
        HttpResponse<String> bob = send(request(target).header("Authorization", bobAuthorization));

        assertThat(alice.body()).isEqualTo("#1");
        assertThat(bob.body()).isEqualTo("#1");
        assertThat(upstreamRequests()).hasSize(1);
    }

    @Test
    void responseLargerThanTheMaxEntrySizeStreamsThroughAndIsNotStored() throws Exception {
        String target = scripted("/cached/cc/large", "Cache-Control: max-age=60") + "&pad=" + 4 * MAX_ENTRY_BYTES;

        HttpResponse<String> first = send(request(target));
        HttpResponse<String> second = send(request(target));

        assertThat(first.body()).isEqualTo("#1" + "x".repeat(4 * MAX_ENTRY_BYTES));
        assertThat(second.body()).isEqualTo("#2" + "x".repeat(4 * MAX_ENTRY_BYTES));
        assertThat(upstreamRequests()).hasSize(2);
    }

    @Test
    void responseOfExactlyTheMaxEntrySizeIsStored() throws Exception {
        String target = scripted("/cached/cc/limit", "Cache-Control: max-age=60") + "&pad=" + (MAX_ENTRY_BYTES - 2);

        HttpResponse<String> first = send(request(target));
        HttpResponse<String> second = send(request(target));

        assertThat(first.body()).hasSize(MAX_ENTRY_BYTES);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(upstreamRequests()).hasSize(1);
    }

    @Test
    void badGatewayTheGatewayMadeItselfIsNeverStored() throws Exception {
        HttpResponse<String> first = send(request("/broken/x"));
        // Were the 502 stored, it would be stale, and a client accepting any staleness would get it from the cache.
        HttpResponse<String> second = send(request("/broken/x").header("Cache-Control", "max-stale"));

        assertProblem(first, 502);
        assertProblem(second, 502);
        assertThat(second.headers().firstValue("Cache-Status").orElse("")).doesNotContain("hit");
    }

    private void assertNeverStored(String target) throws Exception {
        HttpResponse<String> first = send(request(target));
        HttpResponse<String> second = send(request(target));

        assertThat(first.body()).isEqualTo("#1");
        assertThat(second.body()).isEqualTo("#2");
        assertThat(second.headers().firstValue("Cache-Status")).hasValue("Portico; fwd=uri-miss");
        assertThat(upstreamRequests()).hasSize(2);
    }

    /** Returns {@code path} with a query that has the upstream answer with {@code headerLines}. */
    private static String scripted(String path, String... headerLines) {
        return path + Arrays.stream(headerLines).map(line -> "h=" + URLEncoder.encode(line, UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }

    /** Returns the requests the upstream received since the test began, in order. */
    private List<EchoBackend.Received> upstreamRequests() throws InterruptedException {
        List<EchoBackend.Received> received = new ArrayList<>();
        for (Optional<EchoBackend.Received> next = backend.poll(Duration.ofMillis(200)); next.isPresent();
                next = backend.poll(Duration.ofMillis(200))) {
            received.add(next.get());
        }
        return received;
    }
}
