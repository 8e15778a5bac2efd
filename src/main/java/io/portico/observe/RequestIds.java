package io.portico.observe;

import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids: the client's {@code X-Request-Id} when it is a sane token, else a new one. */
final class RequestIds {

    /** Short enough to log and safe to echo: no spaces, quotes or control characters. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static String keepOrCreate(String fromClient) {
        return fromClient != null && SANE.matcher(fromClient).matches() ? fromClient : UUID.randomUUID().toString();
    }
}
