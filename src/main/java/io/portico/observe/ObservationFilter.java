package io.portico.observe;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * The first stage: gives each request its id (the client's {@code X-Request-Id} or a new one, returned to the
 * client) and its trace (the client's {@code traceparent} and {@code tracestate} continued or a new trace), and
 * when the response is done, publishes what happened: metrics, live statistics, one access log line.
 */
public final class ObservationFilter extends HttpFilter {

    private Observation observation;

    @Override
    public void init() {
        observation = Observation.from(getServletContext());
    }

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        Exchange exchange = new Exchange(RequestIds.keepOrCreate(clientRequest.getHeader("X-Request-Id")),
                TraceContext.continueOrStart(clientRequest.getHeader("traceparent"),
                        String.join(",", Collections.list(clientRequest.getHeaders("tracestate")))));
        exchange.attachTo(clientRequest);
        CountingResponse counting = new CountingResponse(clientResponse, exchange.requestId);
        try {
            chain.doFilter(clientRequest, counting);
        } finally {
            observation.finish(exchange, clientRequest, counting.getStatus(), counting.bytes());
        }
    }
}
