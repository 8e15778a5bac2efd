package io.portico.problem;

import java.util.List;
import java.util.Map;

/** Every error the gateway answers with, in one place. */
public final class Problems {

    private Problems() {
    }

    public static Problem badRequest(String detail) {
        return of(400, "Bad Request", detail);
    }

    /** Returns a 401; {@code challenge} becomes the {@code WWW-Authenticate} header. */
    public static Problem unauthorized(String detail, String challenge) {
        return new Problem(401, "Unauthorized", detail, Map.of("WWW-Authenticate", challenge));
    }

    /** Returns a 403; {@code challenge} becomes the {@code WWW-Authenticate} header unless null. */
    public static Problem forbidden(String detail, String challenge) {
        return new Problem(403, "Forbidden", detail,
                challenge == null ? Map.of() : Map.of("WWW-Authenticate", challenge));
    }

    /** Returns a generic problem for a status the server answered itself, such as through an error page. */
    public static Problem forStatus(int status) {
        return switch (status) {
            case 400 -> badRequest("The request is malformed.");
            case 403 -> forbidden("Access is denied.", null);
            case 404 -> notFound();
            case 405 -> of(405, "Method Not Allowed", "The method is not allowed here.");
            case 413 -> of(413, "Content Too Large", "The request is too large.");
            case 414 -> of(414, "URI Too Long", "The request target is too long.");
            case 431 -> of(431, "Request Header Fields Too Large", "The request headers are too large.");
            case 503 -> of(503, "Service Unavailable", "The gateway cannot serve this request now.");
            default -> of(500, "Internal Server Error", "The gateway failed to handle this request.");
        };
    }

    public static Problem notFound() {
        return of(404, "Not Found", "No route matches this request.");
    }

    public static Problem methodNotAllowed(List<String> allowed) {
        return new Problem(405, "Method Not Allowed", "The route for this path accepts only "
                + String.join(", ", allowed) + ".", Map.of("Allow", String.join(", ", allowed)));
    }

    public static Problem contentTooLarge(long limitBytes) {
        return of(413, "Content Too Large", "The request body exceeds the limit of " + limitBytes + " bytes.");
    }

    public static Problem headersTooLarge(long limitBytes) {
        return of(431, "Request Header Fields Too Large",
                "The request headers exceed the limit of " + limitBytes + " bytes.");
    }

    /** Returns a 429 whose {@code Retry-After} says when the next request will pass. */
    public static Problem tooManyRequests(long retryAfterSeconds) {
        return new Problem(429, "Too Many Requests", "The quota of this route is used up; retry after "
                + retryAfterSeconds + " seconds.", Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** Returns a 503 with a {@code Retry-After} that says when to try again. */
    public static Problem serviceUnavailable(String detail, long retryAfterSeconds) {
        return new Problem(503, "Service Unavailable", detail,
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public static Problem badGateway(String detail) {
        return of(502, "Bad Gateway", detail);
    }

    public static Problem gatewayTimeout(String detail) {
        return of(504, "Gateway Timeout", detail);
    }

    private static Problem of(int status, String title, String detail) {
        return new Problem(status, title, detail, Map.of());
    }
}
