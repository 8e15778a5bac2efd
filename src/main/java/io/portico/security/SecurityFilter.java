package io.portico.security;

import io.portico.observe.Exchange;
import io.portico.Gateway;
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

/**
 * Applies the route's access rules: passes the request on with the gateway's identity headers, or answers 401 or
 * 403 itself. Bearer tokens are verified here, by the access policy, and only on routes that accept them.
 */
public final class SecurityFilter extends HttpFilter {

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
        } else {
            Refusals.answer(decision, rules, security.challenges(), "route " + route.id(), clientRequest,
                    clientResponse);
        }
    }

    /** Returns the identity this filter granted the request, if any: what quotas count by. */
    public static Optional<Identity> identity(ServletRequest clientRequest) {
        return Optional.ofNullable((Identity) clientRequest.getAttribute(IDENTITY));
    }
}
