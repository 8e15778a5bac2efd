package io.portico.it;

import static io.portico.it.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.net.http.HttpResponse.BodyHandlers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Budgets per route, counted in the local Ehcache store, on a real Payara Micro. */
@RunAsClient
@Tag("portable")
class QuotaIT extends GatewayIT {

    private static final int LIMIT = 20;
    private static final int CONCURRENT = 64;
    private static final String GOLD_KEY = "gold-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String SILVER_KEY = "silver-key-0123456789abcdefghijklmnopqrstuvwxyz";

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        startBackend();
        GatewayProperties properties = new GatewayProperties()
                .set("portico.quota.legacy-headers", "true")
                .set("portico.route.burst.quota", LIMIT + "/10m")
                .set("portico.route.burst.quota.key", "route")
                .set("portico.route.steady.quota", "1/3s")
                .set("portico.route.tenants.quota", "2/10m")
                .set("portico.route.tenants.quota.key", "header:X-Tenant")
                .set("portico.route.plans.quota", "1/10m")
                .set("portico.route.plans.quota.key", "consumer")
                .set("portico.route.plans.auth", "api-key")
                .set("portico.consumer.gold.api-key-sha256", TestTokens.sha256(GOLD_KEY))
                .set("portico.consumer.gold.quota", "3/10m")
                .set("portico.consumer.silver.api-key-sha256", TestTokens.sha256(SILVER_KEY));
        for (String route : List.of("burst", "steady", "tenants", "plans")) {
            properties.set("portico.route." + route + ".path", "/" + route + "/**")
                    .set("portico.route." + route + ".upstream", backend.url());
        }
        properties.write();
        return Deployments.portico();
    }

    @Test
    void sixtyFourConcurrentRequestsAgainstALimitOfTwentyLetExactlyTwentyThrough() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < CONCURRENT; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> sendUnchecked("/burst/x"), pool));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                statuses.add(call.get(60, TimeUnit.SECONDS).statusCode());
            }

            assertThat(statuses).filteredOn(status -> status == 200).hasSize(LIMIT);
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(CONCURRENT - LIMIT);
            int forwarded = 0;
            while (backend.poll(Duration.ofMillis(300)).isPresent()) {
                forwarded++;
            }
            assertThat(forwarded).as("refused requests never reach the upstream").isEqualTo(LIMIT);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void retryAfterIsHonest() throws Exception {
        assertThat(send(request("/steady/x")).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send(request("/steady/x"));
        long refusedAt = System.nanoTime();
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());

        sleepUntil(refusedAt, retryAfter * 1000 - 1000);
        HttpResponse<String> tooEarly = send(request("/steady/x"));
        sleepUntil(refusedAt, retryAfter * 1000);
        HttpResponse<String> onTime = send(request("/steady/x"));

        assertProblem(refused, 429);
        assertThat(retryAfter).isBetween(1L, 3L);
        assertProblem(tooEarly, 429);
        assertThat(onTime.statusCode()).isEqualTo(200);
    }

    @Test
    void everyAnswerOnALimitedRouteCarriesTheRateLimitHeaders() throws Exception {
        HttpResponse<String> first = send(request("/tenants/x").header("X-Tenant", "headers"));
        send(request("/tenants/x").header("X-Tenant", "headers"));
        HttpResponse<String> refused = send(request("/tenants/x").header("X-Tenant", "headers"));

        assertThat(first.headers().firstValue("RateLimit-Policy")).hasValue("\"tenants\";q=2;w=600");
        assertThat(first.headers().firstValue("RateLimit")).hasValue("\"tenants\";r=1;t=300");
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("2");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
        assertProblem(refused, 429);
        assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"tenants\";q=2;w=600");
        assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"tenants\";r=0;t=");
    }

    @Test
    void eachTenantHeaderHasItsOwnBudget() throws Exception {
        List<Integer> alpha = statuses(3, "/tenants/x", "X-Tenant", "alpha");
        List<Integer> beta = statuses(3, "/tenants/x", "x-tenant", "beta");

        assertThat(alpha).containsExactly(200, 200, 429);
        assertThat(beta).containsExactly(200, 200, 429);
    }

    @Test
    void consumersPlanReplacesTheRouteLimit() throws Exception {
        List<Integer> gold = statuses(4, "/plans/x", "X-API-Key", GOLD_KEY);
        List<Integer> silver = statuses(2, "/plans/x", "X-API-Key", SILVER_KEY);

        assertThat(gold).containsExactly(200, 200, 200, 429);
        assertThat(silver).containsExactly(200, 429);
    }

    private List<Integer> statuses(int count, String target, String header, String value) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(send(request(target).header(header, value)).statusCode());
        }
        return statuses;
    }

    private HttpResponse<String> sendUnchecked(String target) {
        try {
            return client.send(request(target).build(), BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepUntil(long startNanos, long millisAfter) throws InterruptedException {
        long wait = startNanos + TimeUnit.MILLISECONDS.toNanos(millisAfter) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
