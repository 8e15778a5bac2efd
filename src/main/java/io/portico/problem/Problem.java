package io.portico.problem;

import java.util.Map;

/**
 * An error answer from the gateway, written as RFC 9457 {@code application/problem+json}. Never carries a stack
 * trace or a credential.
 *
 * @param status the HTTP status
 * @param title the status's reason phrase, as RFC 9457 asks with type {@code about:blank}
 * @param detail one sentence for the client saying what went wrong
 * @param headers extra response headers, such as {@code Allow} for 405
 */
public record Problem(int status, String title, String detail, Map<String, String> headers) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        headers = Map.copyOf(headers);
    }
}
