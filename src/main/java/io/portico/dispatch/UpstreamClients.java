package io.portico.dispatch;

import io.portico.routing.Route;
import io.portico.upstream.Upstream;
import io.portico.upstream.UpstreamPool;
import io.portico.upstream.UpstreamRuntime;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JAX-RS client per route and upstream, built at deployment and reused by every request, so that
 * connections are pooled by the client's connector. Thread-safe; {@link #close()} at undeployment.
 */
final class UpstreamClients implements AutoCloseable {

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

    private final Map<Upstream, Client> clients = new IdentityHashMap<>();
    private final boolean jersey = ClientBuilder.newBuilder().getClass().getName().startsWith("org.glassfish.jersey");

    UpstreamClients(Iterable<Route> routes, UpstreamRuntime runtime) {
        for (Route route : routes) {
            UpstreamPool pool = runtime.pool(route.id());
            for (Upstream upstream : pool.members()) {
                clients.put(upstream, client(route));
            }
        }
    }

    private static Client client(Route route) {
        ClientBuilder builder = ClientBuilder.newBuilder()
                .connectTimeout(route.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(route.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        CLIENT_PROPERTIES.forEach(builder::property);
        return builder.build();
    }

    Client client(Upstream upstream) {
        return clients.get(upstream);
    }

    /**
     * Returns whether the JAX-RS client lists a header's repeated lines last first: Jersey's default connector
     * reads responses with the JDK's HttpURLConnection, which does.
     */
    boolean reversesRepeatedHeaders() {
        return jersey;
    }

    /**
     * Returns whether the client's Content-Length goes on the upstream request as a header: Jersey's connector
     * streams a body of that length with it; RESTEasy's Apache HttpClient engine (WildFly, Open Liberty) sets the
     * length itself and refuses a request that already has one ("Content-Length header already present").
     */
    boolean takesContentLengthHeader() {
        return jersey;
    }

    @Override
    public void close() {
        clients.values().forEach(Client::close);
    }
}
