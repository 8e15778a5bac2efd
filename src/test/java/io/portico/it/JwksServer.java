package io.portico.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves a JWKS document on loopback that a test can swap, as an identity provider does when it rotates keys.
 * Answers {@code Cache-Control: max-age=1}, so a verifier that honours it fetches again after a second.
 */
final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private volatile String jwks;

    private JwksServer(HttpServer server, String jwks) {
        this.server = server;
        this.jwks = jwks;
    }

    static JwksServer start(String jwks) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        JwksServer jwksServer = new JwksServer(server, jwks);
        server.createContext("/jwks", exchange -> {
            byte[] body = jwksServer.jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return jwksServer;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** Replaces the served keys. */
    void serve(String newJwks) {
        jwks = newJwks;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
