package io.portico.dispatch;

import io.portico.routing.Route;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One JAX-RS client per route and upstream, built at deployment and reused by every request, so that
 * connections are pooled by the client's connector. Thread-safe; {@link #close()} at undeployment.
 */
public final class Upstreams implements AutoCloseable {

    /**
     * Properties for the Jersey client inside Payara (other JAX-RS clients ignore them): hand 3xx answers to the
     * client unchanged, stream bodies of known length instead of buffering them, allow what HTTP allows
     * (PATCH included, which {@code HttpURLConnection} refuses without the workaround).
     */
    private static final Map<String, Object> CLIENT_PROPERTIES = Map.of(
            "jersey.config.client.followRedirects", false,
            "jersey.config.client.httpUrlConnector.useFixedLengthStreaming", true,
            "jersey.config.client.httpUrlConnection.setMethodWorkaround", true,
            "jersey.config.client.suppressHttpComplianceValidation", true);

    /** One upstream of one route. */
    public record Upstream(URI base, Client client) {
    }

    /** A route's upstreams, taken in turn. */
    private record Pool(List<Upstream> members, AtomicInteger next) {

        Upstream pick() {
            return members.get(Math.floorMod(next.getAndIncrement(), members.size()));
        }
    }

    private final Map<String, Pool> pools = new HashMap<>();
    private final boolean reversesRepeatedHeaders = ClientBuilder.newBuilder().getClass().getName()
            .startsWith("org.glassfish.jersey");

    public Upstreams(List<Route> routes) {
        for (Route route : routes) {
            List<Upstream> members = new ArrayList<>();
            for (URI base : route.upstreams()) {
                members.add(new Upstream(base, client(route)));
            }
            pools.put(route.id(), new Pool(List.copyOf(members), new AtomicInteger()));
        }
    }

    private static Client client(Route route) {
        ClientBuilder builder = ClientBuilder.newBuilder()
                .connectTimeout(route.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(route.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        CLIENT_PROPERTIES.forEach(builder::property);
        return builder.build();
    }

    /** Returns the upstream that serves the next request on {@code route}, in round-robin order. */
    public Upstream pick(Route route) {
        return pools.get(route.id()).pick();
    }

    /**
     * Returns whether the JAX-RS client lists a header's repeated lines last first: Jersey's default connector
     * reads responses with the JDK's HttpURLConnection, which does.
     */
    public boolean reversesRepeatedHeaders() {
        return reversesRepeatedHeaders;
    }

    @Override
    public void close() {
        pools.values().forEach(pool -> pool.members().forEach(upstream -> upstream.client().close()));
    }
}
