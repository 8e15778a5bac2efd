package io.portico.dispatch;

import io.portico.limits.ContentTooLargeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Why an exchange with an upstream failed, and so which status the client gets. */
public enum UpstreamFailure {

    /** The upstream refused the connection or could not be reached: 502. */
    REFUSED(502),
    /** No connection within the connect timeout: 504. */
    CONNECT_TIMEOUT(504),
    /** No response bytes within the read timeout: 504. */
    READ_TIMEOUT(504),
    /** The client's body grew past the limit while streaming: 413. */
    CONTENT_TOO_LARGE(413),
    /** The connection broke or the upstream spoke no valid HTTP: 502. */
    BROKEN(502);

    private final int status;

    UpstreamFailure(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * Returns whether the failure may be retried on another upstream: the request was not taken in (refused, no
     * connection) or the connection broke before an answer. Read timeouts are not: the upstream may be working on
     * it, and a second wait would double the client's.
     */
    public boolean retriable() {
        return this == REFUSED || this == CONNECT_TIMEOUT || this == BROKEN;
    }

    /** Bounds the walk down a cause chain, which may loop. */
    private static final int MAX_CAUSES = 16;

    /** Classifies a failure by the first cause that tells. */
    public static UpstreamFailure classify(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof ContentTooLargeException) {
                return CONTENT_TOO_LARGE;
            }
            if (cause instanceof SocketTimeoutException) {
                String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains("connect") ? CONNECT_TIMEOUT : READ_TIMEOUT;
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return REFUSED;
            }
        }
        return BROKEN;
    }
}
