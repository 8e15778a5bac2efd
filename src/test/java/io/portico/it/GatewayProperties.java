package io.portico.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the system properties file that {@code arquillian.xml} passes to Payara Micro; called from a
 * {@code @Deployment} method, which runs before the server of that test class starts.
 */
public final class GatewayProperties {

    private final Map<String, String> values = new LinkedHashMap<>();

    public GatewayProperties set(String key, String value) {
        values.put(key, value);
        return this;
    }

    /** Writes the file named by the system property {@code portico.it.properties}. */
    public void write() {
        Path file = Path.of(System.getProperty("portico.it.properties"));
        String text = values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a free loopback port with nothing listening on it, for connections that must be refused. */
    public static int closedPort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
