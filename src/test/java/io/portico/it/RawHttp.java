package io.portico.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Sends a request written byte for byte over a plain socket, for the cases an HTTP client library would
 * normalise (hop-by-hop headers, odd paths), and reads the whole response until the server closes.
 */
public final class RawHttp {

    /** A response as read off the wire: the status, the header lines and the body (still chunk-encoded). */
    public record Reply(int status, List<String> headerLines, String body) {

        /** Returns the first value of header {@code name}, case-insensitively, or null. */
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headerLines.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).findFirst().orElse(null);
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line and headers, CRLF-separated, without the final blank line), then
     * {@code body}; adds the listener's Host unless {@code head} has one (two Host lines are a bad request, which
     * WildFly refuses with 400), and {@code Connection: close} unless {@code head} has a Connection header, which
     * must then include {@code close}.
     */
    public static Reply send(URL base, String head, String body) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            String lower = head.toLowerCase(Locale.ROOT);
            String connection = lower.contains("\r\nconnection:") ? "" : "\r\nConnection: close";
            String host = lower.contains("\r\nhost:") ? "" : "\r\nHost: " + base.getHost() + ":" + base.getPort();
            String request = head + host + connection + "\r\n\r\n" + body;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return parse(socket.getInputStream());
        }
    }

    /** Reads one response: by Content-Length, to the last chunk, or to the end of the connection. */
    private static Reply parse(InputStream in) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Reply reply = new Reply(status, List.of(lines).subList(1, lines.length), "");
        String length = reply.header("Content-Length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(reply.header("Transfer-Encoding"))) {
            body = readChunks(in);
        } else {
            body = in.readAllBytes();
        }
        return new Reply(status, reply.headerLines(), new String(body, StandardCharsets.ISO_8859_1));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    /** Returns the chunk-encoded body as it came, up to and including the last chunk. */
    private static byte[] readChunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (!body.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            body.write(b);
        }
        return body.toByteArray();
    }
}
