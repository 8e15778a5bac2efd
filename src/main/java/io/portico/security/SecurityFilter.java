package io.portico.security;

import io.portico.observe.Exchange;
import io.portico.Gateway;
import io.portico.problem.ProblemResponse;
import io.portico.problem.Problems;
import io.portico.routing.Route;
import io.portico.routing.RoutingFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Applies the route's access rules: passes the request on with the gateway's identity headers, or answers 401 or
 * 403 itself. Tokens reach it verified: the server's MicroProfile JWT mechanism refuses bad ones before any
 * filter runs (see {@link io.portico.problem.ErrorPageServlet}).
 */
public final class SecurityFilter extends HttpFilter {

    /** Security events, one line each; per-request detail stays out of INFO elsewhere. */
    static final Logger AUDIT = Logger.getLogger("io.portico.security");

    private static final String IDENTITY = Identity.class.getName();

    private SecurityConfig security;

    @Override
    public void init() {
        security = Gateway.from(getServletContext()).security();
    }

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        Route route = RoutingFilter.routed(clientRequest).route();
        RouteSecurity rules = security.rulesFor(route.id());
        Credentials credentials = ServletCredentials.of(clientRequest, security.headers());
        AccessDecision decision = security.policy().decide(rules, credentials, Instant.now());

        if (decision instanceof AccessDecision.Granted granted) {
            granted.identity().ifPresent(identity -> {
                clientRequest.setAttribute(IDENTITY, identity);
                Exchange.of(clientRequest).consumer(identity.consumer());
            });
            chain.doFilter(IdentityRequest.of(clientRequest, security.headers(), granted.identity(),
                    rules.forwardAuthorization()), clientResponse);
        } else if (decision instanceof AccessDecision.Unauthenticated refused) {
            Exchange.of(clientRequest).authFailure(refused.error() == null ? "no-credentials"
                    : refused.error().replace('_', '-'));
            AUDIT.info(() -> "401 on route " + route.id() + " from " + clientRequest.getRemoteAddr() + ": "
                    + (refused.error() == null ? "no credentials" : refused.error()));
            ProblemResponse.send(clientResponse, Problems.unauthorized(refused.detail(),
                    security.challenges().unauthenticated(rules, refused)));
        } else if (decision instanceof AccessDecision.Forbidden forbidden) {
            Exchange.of(clientRequest).authFailure(forbidden.insufficientScope() ? "missing-scope" : "missing-role");
            AUDIT.info(() -> "403 on route " + route.id() + " from " + clientRequest.getRemoteAddr() + ": "
                    + (forbidden.insufficientScope() ? "missing scope" : "missing role"));
            ProblemResponse.send(clientResponse, Problems.forbidden(forbidden.detail(),
                    Challenges.forbidden(forbidden)));
        }
    }

    /** Returns the identity this filter granted the request, if any: what quotas count by. */
    public static Optional<Identity> identity(ServletRequest clientRequest) {
        return Optional.ofNullable((Identity) clientRequest.getAttribute(IDENTITY));
    }
}
