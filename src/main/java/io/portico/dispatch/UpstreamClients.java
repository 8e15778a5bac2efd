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
 * The JAX-RS clients for each route's upstreams, built at deployment and reused by every request, so that
 * connections are pooled by the clients' connectors. Thread-safe; {@link #close()} at undeployment.
 *
 * <p>On Jersey (Payara) a request without a body goes through Jersey's connector on Apache HttpClient 5, bundled
 * in the WAR: its pool served more requests with a lower p99 than the JDK's HttpURLConnection under
 * deploy/bench/run.sh. A request with a body goes through HttpURLConnection, which streams it with the client's
 * Content-Length; Jersey's Apache connector would send it chunked, which some upstreams refuse (httpbin: 501).
 * On other servers (RESTEasy on WildFly and Open Liberty) one client serves both.
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

    /** Jersey's connector on Apache HttpClient 5; an optional dependency of the WAR. */
    private static final String APACHE_CONNECTOR = "org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider";

    /**
     * Properties that put Jersey's client on {@link #APACHE_CONNECTOR}, with the JDK's networking system
     * properties honoured as HttpURLConnection honours them: {@code http.maxConnections} sizes each upstream's
     * pool of kept-alive connections (server-config's jvm.args sets it), {@code http.keepAlive} and the proxy
     * settings apply.
     */
    private static final Map<String, Object> APACHE_PROPERTIES = Map.of(
            "jersey.config.client.connector.provider", APACHE_CONNECTOR,
            "jersey.config.apache5.client.useSystemProperties", true);

    /**
     * A JAX-RS client and what the dispatch servlet must know of its connector.
     *
     * @param client the client
     * @param reversesRepeatedHeaders whether it lists a header's repeated lines last first, as the JDK's
     *        HttpURLConnection (under Jersey's default connector) does
     * @param takesContentLengthHeader whether the client's Content-Length goes on the upstream request as a
     *        header: Jersey's default connector streams a body of that length with it; RESTEasy's Apache
     *        HttpClient engine sets the length itself and refuses a request that already has one
     */
    record UpstreamClient(Client client, boolean reversesRepeatedHeaders, boolean takesContentLengthHeader) {
    }

    private final Map<Upstream, UpstreamClient> withBody = new IdentityHashMap<>();
    private final Map<Upstream, UpstreamClient> withoutBody = new IdentityHashMap<>();
    private final boolean jersey = ClientBuilder.newBuilder().getClass().getName().startsWith("org.glassfish.jersey");
    private final boolean apache = jersey && visible(APACHE_CONNECTOR);

    UpstreamClients(Iterable<Route> routes, UpstreamRuntime runtime) {
        for (Route route : routes) {
            UpstreamPool pool = runtime.pool(route.id());
            for (Upstream upstream : pool.members()) {
                UpstreamClient streaming = new UpstreamClient(build(route, Map.of()), jersey, jersey);
                withBody.put(upstream, streaming);
                withoutBody.put(upstream, apache
                        ? new UpstreamClient(build(route, APACHE_PROPERTIES), false, false)
                        : streaming);
            }
        }
    }

    private static Client build(Route route, Map<String, Object> connector) {
        ClientBuilder builder = ClientBuilder.newBuilder()
                .connectTimeout(route.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(route.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        CLIENT_PROPERTIES.forEach(builder::property);
        connector.forEach(builder::property);
        return builder.build();
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, UpstreamClients.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Returns the client for a request to {@code upstream}, with or without a body to forward. */
    UpstreamClient client(Upstream upstream, boolean body) {
        return (body ? withBody : withoutBody).get(upstream);
    }

    /** Says which connectors the clients use, for the deployment log. */
    String connectors() {
        if (!jersey) {
            return "the server's JAX-RS client";
        }
        return apache ? "Jersey on Apache HttpClient 5 (requests with a body: on HttpURLConnection)"
                : "Jersey on HttpURLConnection";
    }

    @Override
    public void close() {
        withBody.values().forEach(client -> client.client().close());
        withoutBody.values().stream().filter(client -> !withBody.containsValue(client))
                .forEach(client -> client.client().close());
    }
}
