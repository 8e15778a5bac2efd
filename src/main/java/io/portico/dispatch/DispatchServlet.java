package io.portico.dispatch;

import io.portico.observe.Exchange;
import io.portico.Gateway;
import io.portico.limits.LimitedInputStream;
import io.portico.limits.RequestLimits;
import io.portico.problem.Problem;
import io.portico.problem.ProblemResponse;
import io.portico.problem.Problems;
import io.portico.routing.Route;
import io.portico.routing.RoutedRequest;
import io.portico.routing.RoutingFilter;
import io.portico.upstream.Lease;
import io.portico.upstream.Upstream;
import io.portico.upstream.UpstreamPool;
import io.portico.upstream.UpstreamRuntime;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forwards a routed client request to one of its route's upstreams with the JAX-RS client and streams the
 * upstream response back. The last stage of the chain; every filter before it has let the request pass.
 */
public final class DispatchServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(DispatchServlet.class.getName());
    private static final int BUFFER_BYTES = 8192;

    /**
     * Request headers the gateway sets itself: the upstream URL gives Host, the container handled Expect, the
     * entity carries Content-Type, and the exchange the request id and trace context.
     */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "expect", "content-type", "x-request-id",
            "traceparent", "tracestate");
    private static final String REQUEST_ID = "X-Request-Id";
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    /** Methods whose body is never forwarded; see {@link #forwardsBody}. */
    private static final Set<String> BODILESS_METHODS = Set.of("GET", "HEAD", "DELETE", "TRACE");

    /** Methods whose empty body is sent as such (Content-Length: 0); for others an empty body is no body. */
    private static final Set<String> EMPTY_BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    /** Jersey's per-request switch to stream a body of unknown length with chunked coding. */
    private static final String ENTITY_PROCESSING = "jersey.config.client.request.entity.processing";

    private transient UpstreamRuntime upstreams;
    private transient UpstreamClients clients;
    private transient RequestLimits limits;
    private transient ForwardingHeaders forwarding;
    private transient InFlightRequests inFlight;
    private transient Duration shutdownGrace;

    @Override
    public void init() {
        Gateway gateway = Gateway.from(getServletContext());
        limits = gateway.limits();
        forwarding = gateway.forwarding();
        upstreams = UpstreamRuntime.from(getServletContext());
        clients = new UpstreamClients(gateway.routes().routes(), upstreams);
        inFlight = new InFlightRequests();
        shutdownGrace = gateway.upstreams().shutdownGrace();
    }

    /** Lets the requests in flight finish, within the grace period, before the upstream clients close. */
    @Override
    public void destroy() {
        try {
            LOG.info(() -> "Portico stops taking requests and lets " + inFlight.active() + " in flight finish, within "
                    + shutdownGrace.toSeconds() + " s");
            int left = inFlight.drain(shutdownGrace);
            if (left > 0) {
                LOG.warning(() -> left + " requests were still in flight when the shutdown grace period of "
                        + shutdownGrace + " ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.close();
    }

    @Override
    protected void service(HttpServletRequest clientRequest, HttpServletResponse clientResponse) throws IOException {
        if (!inFlight.enter()) {
            clientResponse.setHeader("Connection", "close");
            ProblemResponse.send(clientResponse, Problems.serviceUnavailable("The gateway is shutting down.", 1));
            return;
        }
        try {
            forward(new Call(clientRequest, clientResponse));
        } finally {
            inFlight.exit();
        }
    }

    /** One client request on its way through the route's upstreams. */
    private final class Call {

        final HttpServletRequest request;
        final HttpServletResponse response;
        final RoutedRequest routed;
        final Route route;
        final UpstreamPool pool;
        final Exchange exchange;
        final boolean withBody;
        final LimitedInputStream body;
        final List<Upstream> tried = new ArrayList<>(2);
        final long startNanos = System.nanoTime();

        Call(HttpServletRequest request, HttpServletResponse response) throws IOException {
            this.request = request;
            this.response = response;
            this.routed = RoutingFilter.routed(request);
            this.route = routed.route();
            this.pool = upstreams.pool(route.id());
            this.exchange = Exchange.of(request);
            this.withBody = forwardsBody(request);
            this.body = withBody ? new LimitedInputStream(request.getInputStream(), limits.maxBodyBytes()) : null;
        }

        /** Returns a lease on another upstream when the retry policy lets the request be tried again. */
        Lease retry() {
            boolean bodyRead = body != null && body.bytesRead() > 0;
            long now = System.nanoTime();
            if (!pool.policy().retry().allows(request.getMethod(), tried.size(), now - startNanos, bodyRead)) {
                return null;
            }
            return pool.lease(tried, now).orElse(null);
        }
    }

    private void forward(Call call) throws IOException {
        Lease lease = call.pool.lease(call.tried, call.startNanos).orElse(null);
        if (lease == null) {
            unavailable(call);
            return;
        }
        while (lease != null) {
            call.tried.add(lease.upstream());
            call.exchange.attempt();
            Lease next;
            try {
                next = attempt(call, lease);
            } finally {
                lease.close();
            }
            if (next != null) {
                Upstream failed = lease.upstream();
                LOG.log(Level.FINE, () -> "request " + call.exchange.requestId() + " route " + call.route.id()
                        + " retried on " + next.upstream() + " after " + failed);
            }
            lease = next;
        }
    }

    /** Answers at once that no upstream of the route takes traffic now, and when one may again. */
    private void unavailable(Call call) throws IOException {
        long fallback = call.pool.policy().check().map(check -> check.interval().toNanos())
                .orElse(TimeUnit.SECONDS.toNanos(1));
        long nanos = call.pool.nanosUntilAdmitting(System.nanoTime(), fallback);
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
        LOG.log(Level.FINE, () -> "request " + call.exchange.requestId() + " route " + call.route.id()
                + ": no upstream is up");
        ProblemResponse.send(call.response, Problems.serviceUnavailable("No upstream of this route is available; "
                + "retry after " + seconds + " seconds.", seconds));
    }

    /**
     * Makes one attempt on the leased upstream and answers the client, or returns a lease on the next upstream
     * when the attempt failed in a way the route retries.
     */
    private Lease attempt(Call call, Lease lease) throws IOException {
        URI target;
        try {
            target = UpstreamUri.resolve(lease.upstream().address().base(), call.routed.path().raw(),
                    call.route.stripPrefix(), call.request.getQueryString());
        } catch (URISyntaxException e) {
            ProblemResponse.send(call.response, Problems.badRequest("The request target has characters that "
                    + "must be percent-encoded."));
            return null;
        }
        Invocation.Builder upstreamRequest = clients.client(lease.upstream()).target(target).request();
        copyRequestHeaders(call.request, upstreamRequest, call.withBody && clients.takesContentLengthHeader());
        forwarding.compute(inbound(call.request)).forEach(upstreamRequest::header);
        upstreamRequest.header(REQUEST_ID, call.exchange.requestId());
        upstreamRequest.header(TRACEPARENT, call.exchange.trace().traceparent());
        if (call.exchange.trace().tracestate() != null) {
            upstreamRequest.header(TRACESTATE, call.exchange.trace().tracestate());
        }

        long sentAt = System.nanoTime();
        Response upstreamResponse;
        try {
            upstreamResponse = send(call, upstreamRequest);
        } catch (BadContentTypeException e) {
            ProblemResponse.send(call.response, Problems.badRequest("The Content-Type is not a media type."));
            return null;
        } catch (ProcessingException e) {
            return failed(call, lease, target, e);
        }
        try (upstreamResponse) {
            call.exchange.upstream(target.getRawAuthority(), System.nanoTime() - sentAt);
            int status = upstreamResponse.getStatus();
            if (status >= 500) {
                lease.failed();
            } else {
                lease.succeeded();
            }
            Lease next = call.pool.policy().retry().retriesStatus(status) ? call.retry() : null;
            if (next == null) {
                relay(upstreamResponse, call.response);
            }
            return next;
        } catch (ProcessingException | IOException e) {
            fail(call.route, target, e, call.request, call.response);
            return null;
        }
    }

    /** Handles an attempt that got no answer: retried on another upstream where allowed, else answered. */
    private Lease failed(Call call, Lease lease, URI target, Exception failure) throws IOException {
        UpstreamFailure kind = UpstreamFailure.classify(failure);
        if (kind == UpstreamFailure.CONTENT_TOO_LARGE) {
            fail(call.route, target, failure, call.request, call.response);
            return null;
        }
        lease.failed();
        Lease next = kind.retriable() ? call.retry() : null;
        if (next == null) {
            fail(call.route, target, failure, call.request, call.response);
        }
        return next;
    }

    private static void copyRequestHeaders(HttpServletRequest clientRequest, Invocation.Builder upstreamRequest,
            boolean withLength) {
        HopByHop hopByHop = HopByHop.of(Collections.list(clientRequest.getHeaders("Connection")));
        for (String name : Collections.list(clientRequest.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (hopByHop.contains(lower) || NOT_FORWARDED.contains(lower)
                    || !withLength && lower.equals("content-length")
                    || ForwardingHeaders.NAMES.contains(lower.replace('_', '-'))) {
                continue;
            }
            for (String value : Collections.list(clientRequest.getHeaders(name))) {
                upstreamRequest.header(name, value);
            }
        }
    }

    private static ForwardingHeaders.Inbound inbound(HttpServletRequest clientRequest) {
        String host = clientRequest.getHeader("Host");
        return new ForwardingHeaders.Inbound(clientRequest.getRemoteAddr(), clientRequest.getScheme(),
                host == null ? clientRequest.getLocalName() : host, clientRequest.getLocalAddr(),
                clientRequest.getLocalPort(), Collections.list(clientRequest.getHeaders(ForwardingHeaders.FORWARDED)),
                Collections.list(clientRequest.getHeaders(ForwardingHeaders.X_FORWARDED_FOR)),
                clientRequest.getHeader(ForwardingHeaders.X_FORWARDED_PROTO),
                clientRequest.getHeader(ForwardingHeaders.X_FORWARDED_HOST));
    }

    /**
     * Returns whether the request's body goes upstream: a body that came, except on methods whose body the JDK's
     * HttpURLConnection cannot send (it turns a GET with a body into a POST and refuses one on DELETE).
     */
    private static boolean forwardsBody(HttpServletRequest clientRequest) {
        String method = clientRequest.getMethod();
        long length = clientRequest.getContentLengthLong();
        boolean chunked = clientRequest.getHeader("Transfer-Encoding") != null;
        if (BODILESS_METHODS.contains(method) || length < 0 && !chunked) {
            return false;
        }
        return length != 0 || EMPTY_BODY_METHODS.contains(method);
    }

    /** Sends the request, with the client's body streamed as it arrives when the call has one. */
    private static Response send(Call call, Invocation.Builder upstreamRequest) {
        String method = call.request.getMethod();
        if (!call.withBody) {
            return upstreamRequest.method(method);
        }
        if (call.request.getContentLengthLong() < 0) {
            upstreamRequest.property(ENTITY_PROCESSING, "CHUNKED");
        }
        return upstreamRequest.method(method, Entity.entity(call.body, mediaType(call.request.getContentType())));
    }

    /**
     * Returns a header's values in the order the upstream sent them. The JDK's HttpURLConnection, which the
     * server's Jersey client reads responses with, lists repeated header lines last first.
     */
    private List<String> inArrivalOrder(List<String> values) {
        if (!clients.reversesRepeatedHeaders() || values.size() < 2) {
            return values;
        }
        List<String> ordered = new ArrayList<>(values);
        Collections.reverse(ordered);
        return ordered;
    }

    private static int read(InputStream in, byte[] buffer, long remaining) throws IOException {
        return remaining == 0 ? -1 : in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
    }

    /** Returns the client's media type; JAX-RS entities need one, so a body without type is octet-stream. */
    private static MediaType mediaType(String contentType) {
        try {
            return contentType == null ? MediaType.APPLICATION_OCTET_STREAM_TYPE : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw new BadContentTypeException();
        }
    }

    /** The client's Content-Type is not a media type. */
    private static final class BadContentTypeException extends RuntimeException {

        BadContentTypeException() {
            super("bad Content-Type", null, false, false);
        }
    }

    private void relay(Response upstreamResponse, HttpServletResponse clientResponse) throws IOException {
        clientResponse.setStatus(upstreamResponse.getStatus());
        Map<String, List<String>> headers = upstreamResponse.getStringHeaders();
        HopByHop hopByHop = HopByHop.of(headers.getOrDefault("Connection", List.of()));
        headers.forEach((name, values) -> {
            if (!hopByHop.contains(name)) {
                inArrivalOrder(values).forEach(value -> clientResponse.addHeader(name, value));
            }
        });
        if (!upstreamResponse.hasEntity() && !hasUntypedBody(upstreamResponse)) {
            return;
        }
        // An upstream that sends more than its Content-Length says would desynchronize the client's connection.
        long declared = upstreamResponse.getLength();
        long remaining = declared < 0 ? Long.MAX_VALUE : declared;
        try (InputStream in = upstreamResponse.readEntity(InputStream.class)) {
            OutputStream out = clientResponse.getOutputStream();
            // A small answer gets a buffer of its size: most answers are small, and each buffer is garbage.
            byte[] buffer = new byte[(int) Math.max(1, Math.min(BUFFER_BYTES, remaining))];
            for (int n = read(in, buffer, remaining); n > 0; n = read(in, buffer, remaining)) {
                out.write(buffer, 0, n);
                remaining -= n;
                if (in.available() == 0) {
                    out.flush();
                }
            }
        }
    }

    /**
     * Returns whether the answer has a body without Content-Type, which HTTP allows. RESTEasy (the client of
     * WildFly and Open Liberty) reports no entity for it, where Jersey (Payara) reports one.
     */
    private static boolean hasUntypedBody(Response upstreamResponse) {
        return upstreamResponse.getMediaType() == null
                && (upstreamResponse.getLength() > 0 || upstreamResponse.getHeaderString("Transfer-Encoding") != null);
    }

    /**
     * Answers a failed exchange with the status its cause calls for. Once the response is committed the client
     * has its status already: Servlet 6 offers no portable way to abort the response, so it ends as the container
     * ends it (on Payara 6: a chunked answer looks complete, one with Content-Length stays short).
     */
    private void fail(Route route, URI target, Exception failure, HttpServletRequest request,
            HttpServletResponse clientResponse) throws IOException {
        UpstreamFailure kind = UpstreamFailure.classify(failure);
        Exchange exchange = Exchange.of(request);
        if (kind != UpstreamFailure.CONTENT_TOO_LARGE) {
            exchange.upstreamError(target.getRawAuthority(), kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        String context = "request " + exchange.requestId() + " route " + route.id() + " upstream "
                + target.getRawAuthority();
        if (clientResponse.isCommitted()) {
            LOG.log(Level.FINE, () -> context + " broke off after the response started: " + kind);
            return;
        }
        LOG.log(Level.FINE, failure, () -> context + " failed: " + kind);
        Problem problem = switch (kind) {
            case CONTENT_TOO_LARGE -> Problems.contentTooLarge(limits.maxBodyBytes());
            case CONNECT_TIMEOUT -> Problems.gatewayTimeout("The upstream did not accept a connection in time.");
            case READ_TIMEOUT -> Problems.gatewayTimeout("The upstream did not answer in time.");
            case REFUSED -> Problems.badGateway("The upstream refused the connection.");
            case BROKEN -> Problems.badGateway("The upstream connection failed.");
        };
        ProblemResponse.send(clientResponse, problem);
    }
}
