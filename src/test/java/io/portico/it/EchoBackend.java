package io.portico.it;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP upstream on loopback (the JDK's HttpServer) that records every request it receives, so tests can
 * check what the gateway forwarded byte for byte. Paths:
 * <ul>
 * <li>{@code /sleep/{ms}}: answers 200 after sleeping;</li>
 * <li>{@code /status/{code}}: answers that status, with two Set-Cookie headers;</li>
 * <li>{@code /redirect}: answers 302 to {@code /elsewhere};</li>
 * <li>{@code /hop}: answers with hop-by-hop headers that must not reach the client;</li>
 * <li>{@code /stream}: sends a first chunk, then waits for {@link #releaseStream()} before the second;</li>
 * <li>{@code /cc/...}: a scripted answer, see {@link #scripted};</li>
 * <li>{@code /probe}: 200 {@code healthy} or 503 {@code unhealthy}, as {@link #healthy(boolean)} set it;</li>
 * <li>anything else: 200 with body {@code echo}.</li>
 * </ul>
 * Every answer names the backend's port in {@value #PORT_HEADER}, and comes {@link #delay(Duration)} late.
 */
public final class EchoBackend implements AutoCloseable {

    /** One request as the upstream saw it. */
    public record Received(String method, String rawUri, Map<String, List<String>> headers, byte[] body,
            int remotePort) {

        /** Returns the first value of a header, matched case-insensitively, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public static final String FIRST_CHUNK = "first chunk\n";
    public static final String SECOND_CHUNK = "second chunk\n";
    /** The response header that names the port of the backend that answered. */
    public static final String PORT_HEADER = "X-Echo-Port";
    /** The path whose answer says whether the backend is healthy. */
    public static final String PROBE = "/probe";

    private final HttpServer server;
    private final ExecutorService executor;
    private final int port;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile CountDownLatch streamRelease = new CountDownLatch(1);
    private final Map<String, AtomicInteger> scriptedCounts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private volatile long delayMillis;
    private volatile boolean healthy = true;

    private EchoBackend(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.port = server.getAddress().getPort();
    }

    /** Starts a backend on a free loopback port. */
    public static EchoBackend start() throws IOException {
        return start(0);
    }

    /** Starts a backend on loopback port {@code port}, such as the port of one closed before; 0 picks a free one. */
    public static EchoBackend start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        ExecutorService executor = Executors.newCachedThreadPool();
        EchoBackend backend = new EchoBackend(server, executor);
        server.createContext("/", backend::handle);
        server.setExecutor(executor);
        server.start();
        return backend;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Returns the next request received, waiting up to ten seconds. */
    public Received take() throws InterruptedException {
        Received next = received.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the backend received no request within 10 s");
        }
        return next;
    }

    /** Returns the next request received within {@code wait}, or empty when none came. */
    public java.util.Optional<Received> poll(java.time.Duration wait) throws InterruptedException {
        return java.util.Optional.ofNullable(received.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Forgets requests recorded so far. */
    public void clear() {
        received.clear();
    }

    /** Lets a waiting {@code /stream} answer send its second chunk. */
    public void releaseStream() {
        streamRelease.countDown();
    }

    /** Returns how many requests the backend has received and not answered yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Returns how many requests the backend has received, {@value #PROBE} not counted. */
    public int served() {
        return served.get();
    }

    /** Makes every later request wait {@code delay} before its answer. */
    public void delay(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** Sets what {@value #PROBE} answers: 200 when healthy, 503 when not. Other paths answer as before. */
    public void healthy(boolean healthy) {
        this.healthy = healthy;
    }

    private void handle(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            String rawUri = exchange.getRequestURI().toString();
            received.add(new Received(exchange.getRequestMethod(), rawUri, headers, body,
                    exchange.getRemoteAddress().getPort()));
            String path = exchange.getRequestURI().getRawPath();
            if (!path.equals(PROBE)) {
                served.incrementAndGet();
            }
            exchange.getResponseHeaders().add(PORT_HEADER, String.valueOf(port));
            long delay = delayMillis;
            if (delay > 0) {
                Thread.sleep(delay);
            }
            respond(exchange, path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void respond(HttpExchange exchange, String path) throws IOException, InterruptedException {
        Headers responseHeaders = exchange.getResponseHeaders();
        if (path.startsWith("/sleep/")) {
            Thread.sleep(Long.parseLong(path.substring("/sleep/".length())));
            send(exchange, 200, "slept");
        } else if (path.startsWith("/status/")) {
            responseHeaders.add("Set-Cookie", "a=1");
            responseHeaders.add("Set-Cookie", "b=2");
            responseHeaders.add("X-Upstream", "yes");
            send(exchange, Integer.parseInt(path.substring("/status/".length())), "status");
        } else if (path.equals("/redirect")) {
            responseHeaders.add("Location", "/elsewhere");
            send(exchange, 302, "");
        } else if (path.equals("/hop")) {
            responseHeaders.add("Connection", "X-Secret");
            responseHeaders.add("X-Secret", "hidden");
            responseHeaders.add("Keep-Alive", "timeout=5");
            responseHeaders.add("Proxy-Authenticate", "Basic");
            responseHeaders.add("X-Kept", "kept");
            send(exchange, 200, "hop");
        } else if (path.equals("/stream")) {
            stream(exchange);
        } else if (path.startsWith("/cc/")) {
            scripted(exchange, path);
        } else if (path.equals(PROBE)) {
            boolean healthyNow = healthy;
            send(exchange, healthyNow ? 200 : 503, healthyNow ? "healthy" : "unhealthy");
        } else {
            send(exchange, 200, "echo");
        }
    }

    private void stream(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(FIRST_CHUNK.getBytes(StandardCharsets.UTF_8));
        out.flush();
        streamRelease.await(15, TimeUnit.SECONDS);
        streamRelease = new CountDownLatch(1);
        out.write(SECOND_CHUNK.getBytes(StandardCharsets.UTF_8));
        out.close();
    }

    /**
     * Answers as the query scripts: each {@code h=Name:value} adds a response header (the query is
     * form-decoded), {@code status=} sets the status (200 by default) and {@code pad=} adds that many bytes to the
     * body. The body is {@code #n}, n counting the requests for this path of every method, also sent as
     * {@code X-Count}. A request whose If-None-Match names the scripted ETag gets 304 with the scripted headers.
     */
    private void scripted(HttpExchange exchange, String path) throws IOException {
        int count = scriptedCounts.computeIfAbsent(path, any -> new AtomicInteger()).incrementAndGet();
        int status = 200;
        int pad = 0;
        Headers responseHeaders = exchange.getResponseHeaders();
        String query = exchange.getRequestURI().getRawQuery();
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
            switch (name) {
                case "h" -> {
                    int colon = value.indexOf(':');
                    responseHeaders.add(value.substring(0, colon).strip(), value.substring(colon + 1).strip());
                }
                case "status" -> status = Integer.parseInt(value);
                case "pad" -> pad = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown script parameter " + name);
            }
        }
        responseHeaders.add("X-Count", String.valueOf(count));
        if (matches(exchange.getRequestHeaders().get("If-None-Match"), responseHeaders.getFirst("ETag"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        send(exchange, status, "#" + count + "x".repeat(pad));
    }

    /** Weak comparison of an If-None-Match with the ETag the answer would carry (RFC 9110 section 13.1.2). */
    private static boolean matches(List<String> ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String line : ifNoneMatch) {
            for (String candidate : line.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(opaque)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /**
     * Stops at once, as a crashed process would: the listener closes and every open connection with it, requests in
     * flight included, which get no answer. Returns how many requests were in flight at that moment.
     */
    public int kill() {
        int before = inFlight.get();
        server.stop(0);
        int after = inFlight.get();
        executor.shutdownNow();
        return Math.max(before, after);
    }

    /** Stops at once, like {@link #kill()}. */
    @Override
    public void close() {
        kill();
    }
}
