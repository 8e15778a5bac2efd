package io.portico.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * How a route spreads concurrent traffic over real backends: by weight in round robin, and away from a slow
 * backend with least-in-flight, where round robin keeps an even split whatever the backends' speed.
 */
@RunAsClient
class LoadBalancingIT extends GatewayIT {

    private static final Duration SLOW_DELAY = Duration.ofMillis(500);

    private static final List<EchoBackend> weighted = new ArrayList<>();
    private static EchoBackend fast;
    private static EchoBackend slow;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        weighted.add(startBackend());
        weighted.add(EchoBackend.start());
        weighted.add(EchoBackend.start());
        fast = EchoBackend.start();
        slow = EchoBackend.start();
        slow.delay(SLOW_DELAY);
        String both = fast.url() + "," + slow.url();
        new GatewayProperties()
                .set("portico.route.weighted.path", "/weighted/**")
                .set("portico.route.weighted.upstream", weighted.get(0).url() + ";weight=1,"
                        + weighted.get(1).url() + ";weight=2," + weighted.get(2).url() + ";weight=3")
                .set("portico.route.least.path", "/least/**")
                .set("portico.route.least.upstream", both)
                .set("portico.route.least.balance", "least-in-flight")
                .set("portico.route.turns.path", "/turns/**")
                .set("portico.route.turns.upstream", both)
                .set("portico.route.turns.balance", "round-robin")
                .write();
        return Deployments.portico();
    }

    @AfterAll
    static void stopBackends() {
        weighted.subList(1, weighted.size()).forEach(EchoBackend::close);
        fast.close();
        slow.close();
    }

    @Test
    void roundRobinSharesFollowTheWeights() throws Exception {
        List<Traffic.Result> results = Traffic.send(uri("/weighted/x"), 8, 1200);

        assertThat(Traffic.where(results, result -> !result.ok())).as("client errors").isEmpty();
        Map<Integer, Long> byPort = Traffic.byPort(results);
        System.out.println("weights 1, 2, 3 on ports " + weighted.stream().map(EchoBackend::port).toList() + ": "
                + byPort);
        assertThat(results).hasSize(1200);
        for (int i = 0; i < 3; i++) {
            double share = (double) byPort.getOrDefault(weighted.get(i).port(), 0L) / results.size();
            assertThat(share).as("share of the backend of weight " + (i + 1)).isCloseTo((i + 1) / 6.0,
                    within(0.02));
        }
    }

    /**
     * With least-in-flight the two backends hold about as many requests each, so their shares go as the inverse of
     * their latencies through the gateway: well over 80 % for the fast one, whose latency is the gateway's own.
     */
    @Test
    void leastInFlightSendsMostTrafficToTheFastBackend() throws Exception {
        List<Traffic.Result> results = run("/least/x", 16, Duration.ofSeconds(3));

        assertThat(Traffic.where(results, result -> !result.ok())).as("client errors").isEmpty();
        double fastShare = share(results, fast);
        System.out.printf("least-in-flight: %d requests, fast %.1f %%, slow %.1f %%%n", results.size(),
                100 * fastShare, 100 * share(results, slow));
        assertThat(fastShare).as("share of the fast backend").isGreaterThan(0.8);
    }

    @Test
    void roundRobinSplitsEvenlyWhateverTheBackendsSpeed() throws Exception {
        List<Traffic.Result> results = run("/turns/x", 16, Duration.ofSeconds(2));

        assertThat(Traffic.where(results, result -> !result.ok())).as("client errors").isEmpty();
        double fastShare = share(results, fast);
        System.out.printf("round robin: %d requests, fast %.1f %%, slow %.1f %%%n", results.size(),
                100 * fastShare, 100 * share(results, slow));
        assertThat(results).as("requests answered").hasSizeGreaterThan(50);
        assertThat(fastShare).as("share of the fast backend").isBetween(0.45, 0.55);
    }

    private List<Traffic.Result> run(String target, int threads, Duration duration) throws Exception {
        Traffic traffic = Traffic.start(uri(target), threads);
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } finally {
            traffic.stop();
        }
        return traffic.results();
    }

    private static double share(List<Traffic.Result> results, EchoBackend echo) {
        return (double) Traffic.byPort(results).getOrDefault(echo.port(), 0L) / results.size();
    }
}
