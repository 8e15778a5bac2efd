package io.portico.observe;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context hop: the trace a request belongs to, kept from the client's {@code traceparent} or started
 * here, and the span id of the gateway's own hop, which the upstream sees as its parent.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId the gateway's span, 16 lower-case hex digits
 * @param flags the trace flags, 2 hex digits
 * @param tracestate the client's {@code tracestate}, kept only with the client's trace; null when none
 */
public record TraceContext(String traceId, String spanId, String flags, String tracestate) {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Continues the client's trace, with its {@code tracestate} (null or empty when none), when {@code traceparent}
     * is valid, else starts a new one. A new trace drops the client's {@code tracestate}, which described another
     * trace: W3C Trace Context discards it without a valid {@code traceparent}.
     */
    public static TraceContext continueOrStart(String traceparent, String tracestate) {
        if (traceparent != null) {
            var matcher = TRACEPARENT.matcher(traceparent.strip());
            if (matcher.matches() && !allZero(matcher.group(1)) && !allZero(matcher.group(2))) {
                return new TraceContext(matcher.group(1), randomHex(8), matcher.group(3),
                        tracestate == null || tracestate.isBlank() ? null : tracestate);
            }
        }
        return start();
    }

    /** Starts a new sampled trace. */
    public static TraceContext start() {
        return new TraceContext(randomHex(16), randomHex(8), "01", null);
    }

    /** Returns the {@code traceparent} the upstream receives: this trace, this hop as parent. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The W3C spec forbids all-zero trace and parent ids. */
    private static boolean allZero(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }
}
