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
