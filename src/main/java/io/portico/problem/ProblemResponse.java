package io.portico.problem;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes a {@link Problem} to a servlet response, discarding whatever the response held before. */
public final class ProblemResponse {

    /** Found once: {@code Json.createObjectBuilder()} looks the provider up through the class path on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private ProblemResponse() {
    }

    /**
     * Sends {@code problem} unless the response is already committed, in which case the client has a status
     * already and nothing can be said; returns whether it was sent.
     */
    public static boolean send(HttpServletResponse response, Problem problem) throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        response.reset();
        response.setStatus(problem.status());
        response.setDateHeader("Date", System.currentTimeMillis());
        problem.headers().forEach(response::setHeader);
        byte[] body = json(problem).getBytes(StandardCharsets.UTF_8);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
        return true;
    }

    /** Returns the problem as an RFC 9457 JSON object. */
    public static String json(Problem problem) {
        return JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", problem.title())
                .add("status", problem.status())
                .add("detail", problem.detail())
                .build()
                .toString();
    }
}
