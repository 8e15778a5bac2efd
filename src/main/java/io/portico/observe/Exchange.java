package io.portico.observe;

import jakarta.servlet.ServletRequest;

/**
 * What happened to one request, filled in by each stage as it acts and read once at the end for metrics and the
 * access log. One per request, touched by its request thread only.
 */
public final class Exchange {

    private static final String ATTRIBUTE = Exchange.class.getName();

    final long startNanos = System.nanoTime();
    final String requestId;
    final TraceContext trace;
    String route = "-";
    String consumer;
    String upstream;
    long upstreamNanos = -1;
    String upstreamError;
    int attempts;
    String cacheResult;
    String authFailure;
    boolean quotaRejected;
    boolean cacheStored;

    Exchange(String requestId, TraceContext trace) {
        this.requestId = requestId;
        this.trace = trace;
    }

    /** Returns the exchange of {@code request}; a stub when observation did not start one (never null). */
    public static Exchange of(ServletRequest request) {
        Object exchange = request.getAttribute(ATTRIBUTE);
        return exchange instanceof Exchange current ? current : new Exchange("-", TraceContext.start());
    }

    void attachTo(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    public String requestId() {
        return requestId;
    }

    public TraceContext trace() {
        return trace;
    }

    public void route(String routeId) {
        route = routeId;
    }

    public void consumer(String name) {
        consumer = name;
    }

    /** Records the upstream's answer: who answered and how long its headers took. */
    public void upstream(String authority, long nanos) {
        upstream = authority;
        upstreamNanos = nanos;
    }

    /** Records a failed exchange with the upstream: refused, timeout, broken. */
    public void upstreamError(String authority, String kind) {
        upstream = authority;
        upstreamError = kind;
    }

    /** Records that one more attempt on an upstream began. */
    public void attempt() {
        attempts++;
    }

    /** Records what the cache did: hit, miss, stale, bypass. */
    public void cache(String result) {
        cacheResult = result;
    }

    /** Records why authentication failed: no-credentials, invalid-token, invalid-key, forbidden. */
    public void authFailure(String reason) {
        authFailure = reason;
    }

    public void quotaRejected() {
        quotaRejected = true;
    }

    public void cacheStored() {
        cacheStored = true;
    }
}
