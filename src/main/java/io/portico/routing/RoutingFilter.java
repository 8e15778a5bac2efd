package io.portico.routing;

import io.portico.observe.Exchange;
import io.portico.Gateway;
import io.portico.problem.ProblemResponse;
import io.portico.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Picks the route for each request and stores it for the filters after it and the dispatch servlet; answers
 * 400, 404 or 405 itself when there is none.
 */
public final class RoutingFilter extends HttpFilter {

    private static final String ATTRIBUTE = RouteDecision.Matched.class.getName();

    private RouteTable routes;

    @Override
    public void init() {
        routes = Gateway.from(getServletContext()).routes();
    }

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        RequestPath path;
        try {
            path = RequestPath.parse(clientRequest.getRequestURI());
        } catch (InvalidPathException e) {
            ProblemResponse.send(clientResponse, Problems.badRequest(e.getMessage()));
            return;
        }
        RouteDecision decision = routes.decide(new ServletRoutingRequest(clientRequest, path));
        if (decision instanceof RouteDecision.Matched matched) {
            clientRequest.setAttribute(ATTRIBUTE, new RoutedRequest(matched, path));
            Exchange.of(clientRequest).route(matched.route().id());
            chain.doFilter(clientRequest, clientResponse);
        } else if (decision instanceof RouteDecision.MethodNotAllowed refused) {
            ProblemResponse.send(clientResponse, Problems.methodNotAllowed(refused.allowed()));
        } else {
            ProblemResponse.send(clientResponse, Problems.notFound());
        }
    }

    /** Returns the route chosen for {@code clientRequest} by this filter. */
    public static RoutedRequest routed(ServletRequest clientRequest) {
        return (RoutedRequest) clientRequest.getAttribute(ATTRIBUTE);
    }
}
