package io.portico.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The frame of an integration test: the gateway deployed to a real Payara Micro by Arquillian, one recording
 * upstream on loopback, and an HTTP client. Each subclass declares its own {@code @Deployment}, which starts
 * the upstream with {@link #startBackend()} and writes the gateway's configuration.
 */
@ExtendWith(ArquillianExtension.class)
abstract class GatewayIT {

    protected static EchoBackend backend;

    protected final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    protected URL base;

    /** Starts the upstream that this class's routes point at. */
    protected static EchoBackend startBackend() throws IOException {
        backend = EchoBackend.start();
        return backend;
    }

    @AfterAll
    static void stopBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @BeforeEach
    void forgetEarlierRequests() {
        backend.clear();
    }

    protected URI uri(String target) {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + target);
    }

    protected HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(uri(target)).timeout(Duration.ofSeconds(20));
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), BodyHandlers.ofString());
    }
}
