package io.portico.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, {@code deploy/demo.sh}, run as a user runs it (with the build already done): it
 * brings up httpbin and the gateway, forwards real traffic, and keeps every socket on loopback.
 */
class DemoIT {

    private static final Path PROJECT = Path.of(System.getProperty("portico.projectDir"));

    private static Process demo;
    private static int port;

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startDemo() throws Exception {
        port = GatewayProperties.closedPort();
        ProcessBuilder builder = new ProcessBuilder("bash", "deploy/demo.sh").directory(PROJECT.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PORTICO_SKIP_BUILD", "1");
        builder.environment().put("PORTICO_PORT", String.valueOf(port));
        builder.environment().put("HTTPBIN_PORT", String.valueOf(GatewayProperties.closedPort()));
        demo = builder.start();
        String ready = "Portico demo ready on http://127.0.0.1:" + port;
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readUntil(ready));
        assertThat(output.get(150, TimeUnit.SECONDS)).contains(ready);
    }

    /** Returns the demo's output up to the line with {@code marker}, then drains the rest in the background. */
    private static String readUntil(String marker) {
        StringBuilder seen = new StringBuilder();
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                seen.append(line).append('\n');
                if (line.contains(marker)) {
                    break;
                }
            }
        } catch (java.io.IOException e) {
            seen.append(e);
        }
        Thread drain = new Thread(() -> reader.lines().forEach(line -> { }), "demo-output");
        drain.setDaemon(true);
        drain.start();
        return seen.toString();
    }

    @AfterAll
    static void stopDemo() throws Exception {
        long payara = payaraPid();
        long httpbin = pid("target/demo/httpbin.pid");
        // Process.destroy also closes the pipes demo.sh writes to: its cleanup must survive that.
        demo.destroy();
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("demo.sh stops on TERM").isTrue();
        assertThat(ProcessHandle.of(payara).map(ProcessHandle::isAlive)).as("Payara stopped with it")
                .isNotEqualTo(java.util.Optional.of(true));
        assertThat(ProcessHandle.of(httpbin).map(ProcessHandle::isAlive)).as("httpbin stopped with it")
                .isNotEqualTo(java.util.Optional.of(true));
    }

    private static long payaraPid() throws Exception {
        return pid("target/demo/server.pid");
    }

    private static long pid(String file) throws Exception {
        return Long.parseLong(Files.readString(PROJECT.resolve(file)).strip());
    }

    @Test
    void anythingShowsTheForwardedRequestAsHttpbinSawIt() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/anything/demo?q=a%20b&show_env=1"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("name=portico&lang=java")).build();

        HttpResponse<String> response = client.send(request, BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"method\":\"POST\"", "/anything/demo?q=a%20b&show_env=1\"", "\"q\":\"a b\"")
                .contains("\"form\":{\"lang\":\"java\",\"name\":\"portico\"}")
                .contains("\"X-Forwarded-For\":\"127.0.0.1\"", "\"X-Forwarded-Proto\":\"http\"")
                .contains("\"Forwarded\":\"for=127.0.0.1;by=\\\"127.0.0.1:" + port + "\\\"");
    }

    @Test
    void theDemoServerHoldsLoopbackSocketsOnly() throws Exception {
        List<LoopbackSockets.Socket> sockets = LoopbackSockets.of(payaraPid());

        assertThat(sockets).filteredOn(LoopbackSockets.Socket::listening).isNotEmpty();
        assertThat(sockets).allMatch(LoopbackSockets.Socket::onLoopbackOnly, "bound and connected on loopback only");
    }

    @Test
    void privateRouteRefusesStrangersAndTakesTheDemoTokenAndKey() throws Exception {
        String token = demoToken("--subject", "bob", "--groups", "admin");
        String key = demoApiKey();

        HttpResponse<String> anonymous = get("/private/anything", "X-Demo", "none");
        HttpResponse<String> withToken = get("/private/anything", "Authorization", "Bearer " + token);
        HttpResponse<String> withKey = get("/private/anything", "X-API-Key", key);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("\"X-Portico-Subject\":\"bob\"", "\"X-Portico-Roles\":\"admin\"");
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(withKey.body()).contains("\"X-Portico-Consumer\":\"demo-app\"").doesNotContain(key);
    }

    private HttpResponse<String> get(String target, String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
                .header(header, value).build();
        return client.send(request, BodyHandlers.ofString());
    }

    /** Runs the demo's token script as the README tells a user to, from the project root. */
    private static String demoToken(String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "deploy/demo-token.sh"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).directory(PROJECT.toFile()).start();
        String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).isZero();
        return token;
    }

    /** Reads the public demo API key from the comment beside its hash in the demo configuration. */
    private static String demoApiKey() throws Exception {
        String marker = "# demo key, public: ";
        return Files.readAllLines(PROJECT.resolve("server-config/payara-micro/demo.properties")).stream()
                .filter(line -> line.startsWith(marker)).map(line -> line.substring(marker.length()).strip())
                .findFirst().orElseThrow();
    }
}
