package io.portico.it;

import java.net.URI;
import java.net.URL;

/**
 * The server an integration test runs on ({@code portico.it.server}, set per failsafe execution) and what differs
 * between servers in what a test may expect of them.
 */
enum Servers {
    PAYARA_MICRO("payara-micro"),
    WILDFLY("wildfly"),
    LIBERTY("liberty");

    /** WildFly's management interface with the tests' port offset (arquillian.xml): 9990 + 1000. */
    private static final String WILDFLY_METRICS = "http://127.0.0.1:10990/metrics";

    private final String id;

    Servers(String id) {
        this.id = id;
    }

    static Servers current() {
        String id = System.getProperty("portico.it.server", PAYARA_MICRO.id);
        for (Servers server : values()) {
            if (server.id.equals(id)) {
                return server;
            }
        }
        throw new IllegalStateException("unknown portico.it.server " + id);
    }

    /**
     * Where the gateway's metrics are read in Prometheus text: the server's MicroProfile Metrics application scope,
     * or on WildFly the Micrometer Prometheus registry on the management interface.
     */
    URI metrics(URL base) {
        return this == WILDFLY ? URI.create(WILDFLY_METRICS)
                : URI.create("http://" + base.getHost() + ":" + base.getPort() + "/metrics?scope=application");
    }

    /**
     * Whether histograms come with quantiles: MicroProfile Metrics publishes them; on WildFly's Micrometer the
     * gateway publishes count, sum and maximum only.
     */
    boolean publishesQuantiles() {
        return this != WILDFLY;
    }

    /**
     * Whether the server's 404 for {@code /WEB-INF/} goes through the application's error pages (and so becomes a
     * problem document): WildFly's Undertow answers it with its own page before any servlet.
     */
    boolean routesProtectedPathsToErrorPages() {
        return this != WILDFLY;
    }
}
