package io.portico.limits;

import io.portico.problem.Problem;
import io.portico.problem.Problems;
import java.util.Optional;

/**
 * Size limits on client requests, checked before anything is forwarded.
 *
 * @param maxBodyBytes the largest request body forwarded
 * @param maxHeaderBytes the largest total size of header lines, counted as {@code name: value CRLF}
 */
public record RequestLimits(long maxBodyBytes, long maxHeaderBytes) {

    /** Returns the size one header line takes on the wire. */
    public static long headerLineBytes(String name, String value) {
        return name.length() + 2L + value.length() + 2L;
    }

    /** Returns the problem to answer when the header lines are too large, if they are. */
    public Optional<Problem> checkHeaders(long headerBytes) {
        return headerBytes > maxHeaderBytes ? Optional.of(Problems.headersTooLarge(maxHeaderBytes)) : Optional.empty();
    }

    /** Returns the problem to answer when the declared body length is too large; -1 means not declared. */
    public Optional<Problem> checkDeclaredBody(long contentLength) {
        return contentLength > maxBodyBytes ? Optional.of(Problems.contentTooLarge(maxBodyBytes)) : Optional.empty();
    }
}
