package io.portico.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven by its chromedriver, spoken to in the W3C WebDriver protocol over the JDK's
 * HTTP client: enough of the protocol to load a page, type, click, read text and take a screenshot. Elements are
 * named by CSS selectors and looked up again on every call, so a page that redraws them cannot leave a stale
 * reference behind. Not thread-safe; {@link #close()} ends the session, chromedriver and the browser.
 */
final class HeadlessBrowser implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** The key under which a W3C WebDriver answer holds an element's id. */
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Process chromedriver;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI driver;
    private String session;

    private HeadlessBrowser(Process chromedriver, int port, Path profile) {
        this.chromedriver = chromedriver;
        this.driver = URI.create("http://127.0.0.1:" + port);
        this.profile = profile;
    }

    /**
     * Starts chromedriver on a free loopback port (it binds loopback only unless given {@code --allowed-ips}, which
     * would make it listen on every interface), then a browser session with a fresh profile under {@code workDir};
     * chromedriver's log goes to {@code workDir/chromedriver.log}.
     */
    static HeadlessBrowser start(Path workDir) throws IOException, InterruptedException {
        for (Path binary : List.of(CHROMEDRIVER, CHROMIUM)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: install Debian's chromium and chromium-driver "
                        + "(.ci/run does)");
            }
        }
        Files.createDirectories(workDir);
        int port = freeLoopbackPort();
        Process process = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(workDir.resolve("chromedriver.log").toFile()).start();
        HeadlessBrowser browser = new HeadlessBrowser(process, port,
                Files.createTempDirectory(workDir, "chromium-profile-"));
        try {
            browser.awaitReady(Duration.ofSeconds(20));
            browser.newSession();
            return browser;
        } catch (InterruptedException | RuntimeException | Error e) {
            browser.close();
            throw e;
        }
    }

    long chromedriverPid() {
        return chromedriver.pid();
    }

    /** Loads {@code page} and returns once the browser says it has loaded. */
    void open(URI page) {
        command("POST", "/url", Json.createObjectBuilder().add("url", page.toString()).build());
    }

    String title() {
        return command("GET", "/title", null).getString("value");
    }

    /** Returns the id of the first element matching {@code css}, or empty when there is none (yet). */
    Optional<String> find(String css) {
        HttpResponse<String> response = send("POST", "/session/" + session + "/element",
                Json.createObjectBuilder().add("using", "css selector").add("value", css).build());
        JsonObject answer = parse(response.body());
        if (response.statusCode() == 404 && error(answer).equals("no such element")) {
            return Optional.empty();
        }
        return Optional.of(checked(response, answer).getJsonObject("value").getString(ELEMENT));
    }

    /** Returns the rendered text of the element matching {@code css}, or empty when there is none. */
    Optional<String> text(String css) {
        return find(css).map(element -> command("GET", "/element/" + element + "/text", null).getString("value"));
    }

    /** Returns an attribute of the element matching {@code css}, or empty when it or the attribute is missing. */
    Optional<String> attribute(String css, String name) {
        return find(css).flatMap(element -> {
            JsonValue value = command("GET", "/element/" + element + "/attribute/" + name, null).get("value");
            return value.getValueType() == JsonValue.ValueType.STRING
                    ? Optional.of(((JsonString) value).getString()) : Optional.empty();
        });
    }

    /** Returns whether the element matching {@code css} exists and is displayed. */
    boolean displayed(String css) {
        return find(css).map(element -> command("GET", "/element/" + element + "/displayed", null)
                .getBoolean("value")).orElse(false);
    }

    /** Types {@code text} into the element matching {@code css}, as keystrokes. */
    void type(String css, String text) {
        command("POST", "/element/" + required(css) + "/value", Json.createObjectBuilder().add("text", text).build());
    }

    void click(String css) {
        command("POST", "/element/" + required(css) + "/click", JsonValue.EMPTY_JSON_OBJECT);
    }

    /** Saves what the window shows as a PNG file. */
    void screenshot(Path png) throws IOException {
        String base64 = command("GET", "/screenshot", null).getString("value");
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(base64));
    }

    /** Ends the session (which quits the browser), stops chromedriver and removes the profile; never throws. */
    @Override
    public void close() {
        if (session != null) {
            try {
                send("DELETE", "/session/" + session, null);
            } catch (RuntimeException alreadyGone) {
                // chromedriver died first: stopping it below still ends its browser.
            }
            session = null;
        }
        List<ProcessHandle> browserProcesses = chromedriver.descendants().toList();
        chromedriver.destroy();
        try {
            if (!chromedriver.waitFor(10, TimeUnit.SECONDS)) {
                chromedriver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        browserProcesses.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteQuietly(profile);
    }

    private void awaitReady(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!chromedriver.isAlive()) {
                throw new IllegalStateException("chromedriver exited with " + chromedriver.exitValue());
            }
            try {
                HttpResponse<String> status = send("GET", "/status", null);
                if (status.statusCode() == 200 && parse(status.body()).getJsonObject("value").getBoolean("ready")) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // Keep waiting until the deadline.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("chromedriver was not ready within " + limit);
            }
            Thread.sleep(100);
        }
    }

    private void newSession() {
        JsonObject chromeOptions = Json.createObjectBuilder()
                .add("binary", CHROMIUM.toString())
                .add("args", Json.createArrayBuilder(List.of("--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                        "--window-size=1280,900")))
                .build();
        JsonObject capabilities = Json.createObjectBuilder().add("capabilities", Json.createObjectBuilder()
                .add("alwaysMatch", Json.createObjectBuilder().add("browserName", "chrome")
                        .add("goog:chromeOptions", chromeOptions))).build();
        HttpResponse<String> response = send("POST", "/session", capabilities);
        session = checked(response, parse(response.body())).getJsonObject("value").getString("sessionId");
    }

    private String required(String css) {
        return find(css).orElseThrow(() -> new AssertionError("no element matches " + css));
    }

    /** Sends a command of this session and returns its answer, failing on any WebDriver error. */
    private JsonObject command(String method, String path, JsonObject body) {
        HttpResponse<String> response = send(method, "/session/" + session + path, body);
        return checked(response, parse(response.body()));
    }

    private HttpResponse<String> send(String method, String path, JsonObject body) {
        HttpRequest request = HttpRequest.newBuilder(driver.resolve(path)).timeout(COMMAND_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body.toString()))
                .build();
        try {
            return http.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("WebDriver " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during WebDriver " + method + " " + path, e);
        }
    }

    private static JsonObject checked(HttpResponse<String> response, JsonObject answer) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + response.request().method() + " "
                    + response.request().uri().getPath() + " answered " + response.statusCode() + ": "
                    + error(answer) + ": " + message(answer));
        }
        return answer;
    }

    private static String error(JsonObject answer) {
        JsonValue value = answer.get("value");
        return value instanceof JsonObject object ? object.getString("error", "") : "";
    }

    private static String message(JsonObject answer) {
        JsonValue value = answer.get("value");
        return value instanceof JsonObject object ? object.getString("message", "") : String.valueOf(value);
    }

    private static JsonObject parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException leftBehind) {
            // A profile left under target/ is removed by the next clean build.
        }
    }
}
