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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    private transient Upstreams upstreams;
    private transient RequestLimits limits;
    private transient ForwardingHeaders forwarding;

    @Override
    public void init() {
        Gateway gateway = Gateway.from(getServletContext());
        limits = gateway.limits();
        forwarding = gateway.forwarding();
        upstreams = new Upstreams(gateway.routes().routes());
    }

    @Override
    public void destroy() {
        upstreams.close();
    }

    @Override
    protected void service(HttpServletRequest clientRequest, HttpServletResponse clientResponse) throws IOException {
        RoutedRequest routed = RoutingFilter.routed(clientRequest);
        Route route = routed.route();
        Upstreams.Upstream upstream = upstreams.pick(route);

        URI target;
        try {
            target = UpstreamUri.resolve(upstream.base(), routed.path().raw(), route.stripPrefix(),
                    clientRequest.getQueryString());
        } catch (URISyntaxException e) {
            ProblemResponse.send(clientResponse, Problems.badRequest("The request target has characters that "
                    + "must be percent-encoded."));
            return;
        }

        Invocation.Builder upstreamRequest = upstream.client().target(target).request();
        boolean withBody = forwardsBody(clientRequest);
        copyRequestHeaders(clientRequest, upstreamRequest, withBody);
        forwarding.compute(inbound(clientRequest)).forEach(upstreamRequest::header);
        Exchange exchange = Exchange.of(clientRequest);
        upstreamRequest.header(REQUEST_ID, exchange.requestId());
        upstreamRequest.header(TRACEPARENT, exchange.trace().traceparent());
        if (exchange.trace().tracestate() != null) {
            upstreamRequest.header(TRACESTATE, exchange.trace().tracestate());
        }

        long sentAt = System.nanoTime();
        try (Response upstreamResponse = send(clientRequest, upstreamRequest, withBody)) {
            exchange.upstream(target.getRawAuthority(), System.nanoTime() - sentAt);
            relay(upstreamResponse, clientResponse);
        } catch (BadContentTypeException e) {
            ProblemResponse.send(clientResponse, Problems.badRequest("The Content-Type is not a media type."));
        } catch (ProcessingException | IOException e) {
            fail(route, target, e, clientRequest, clientResponse);
        }
    }

    private static void copyRequestHeaders(HttpServletRequest clientRequest, Invocation.Builder upstreamRequest,
            boolean withBody) {
        HopByHop hopByHop = HopByHop.of(Collections.list(clientRequest.getHeaders("Connection")));
        for (String name : Collections.list(clientRequest.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (hopByHop.contains(lower) || NOT_FORWARDED.contains(lower) || !withBody && lower.equals("content-length")
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

    /** Sends the request, with the client's body streamed as it arrives when {@code withBody}. */
    private Response send(HttpServletRequest clientRequest, Invocation.Builder upstreamRequest, boolean withBody)
            throws IOException {
        String method = clientRequest.getMethod();
        if (!withBody) {
            return upstreamRequest.method(method);
        }
        if (clientRequest.getContentLengthLong() < 0) {
            upstreamRequest.property(ENTITY_PROCESSING, "CHUNKED");
        }
        InputStream body = new LimitedInputStream(clientRequest.getInputStream(), limits.maxBodyBytes());
        return upstreamRequest.method(method, Entity.entity(body, mediaType(clientRequest.getContentType())));
    }

    /**
     * Returns a header's values in the order the upstream sent them. The JDK's HttpURLConnection, which the
     * server's Jersey client reads responses with, lists repeated header lines last first.
     */
    private List<String> inArrivalOrder(List<String> values) {
        if (!upstreams.reversesRepeatedHeaders() || values.size() < 2) {
            return values;
        }
        List<String> ordered = new java.util.ArrayList<>(values);
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
        if (!upstreamResponse.hasEntity()) {
            return;
        }
        // An upstream that sends more than its Content-Length says would desynchronize the client's connection.
        long declared = upstreamResponse.getLength();
        long remaining = declared < 0 ? Long.MAX_VALUE : declared;
        try (InputStream in = upstreamResponse.readEntity(InputStream.class)) {
            OutputStream out = clientResponse.getOutputStream();
            byte[] buffer = new byte[BUFFER_BYTES];
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
