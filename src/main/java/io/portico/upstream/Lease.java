package io.portico.upstream;

/**
 * One attempt on one upstream, from the pick to the end of the response: it counts as in flight until closed,
 * and its outcome feeds the upstream's health. Used by one request thread.
 */
public final class Lease implements AutoCloseable {

    private final Upstream upstream;
    private final UpstreamHealth.Permit permit;
    private Boolean success;
    private boolean closed;

    Lease(Upstream upstream, UpstreamHealth.Permit permit) {
        this.upstream = upstream;
        this.permit = permit;
    }

    public Upstream upstream() {
        return upstream;
    }

    /** Records that the upstream answered acceptably (anything but 5xx). */
    public void succeeded() {
        success = Boolean.TRUE;
    }

    /** Records that the upstream failed: refused, timed out, broke the connection or answered 5xx. */
    public void failed() {
        success = Boolean.FALSE;
    }

    /** Ends the attempt; an attempt with no recorded outcome leaves the upstream's health as it was. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            upstream.ended(permit, success, System.nanoTime());
        }
    }
}
