package io.portico.security;

import io.portico.Gateway;
import io.portico.problem.ProblemResponse;
import io.portico.problem.Problems;
import io.portico.routing.Route;
import io.portico.routing.RoutingFilter;
import jakarta.json.JsonNumber;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;

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
        AccessDecision decision = security.policy().decide(rules, credentials(clientRequest), Instant.now());

        if (decision instanceof AccessDecision.Granted granted) {
            granted.identity().ifPresent(identity -> clientRequest.setAttribute(IDENTITY, identity));
            chain.doFilter(IdentityRequest.of(clientRequest, security.headers(), granted.identity(),
                    rules.forwardAuthorization()), clientResponse);
        } else if (decision instanceof AccessDecision.Unauthenticated refused) {
            AUDIT.info(() -> "401 on route " + route.id() + " from " + clientRequest.getRemoteAddr() + ": "
                    + (refused.error() == null ? "no credentials" : refused.error()));
            ProblemResponse.send(clientResponse, Problems.unauthorized(refused.detail(),
                    security.challenges().unauthenticated(rules, refused)));
        } else if (decision instanceof AccessDecision.Forbidden forbidden) {
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

    private Credentials credentials(HttpServletRequest clientRequest) {
        Optional<TokenClaims> token = clientRequest.getUserPrincipal() instanceof JsonWebToken jwt
                ? Optional.of(claims(jwt)) : Optional.empty();
        List<String> keys = Collections.list(clientRequest.getHeaders(security.headers().apiKey()));
        // Two keys are ambiguous; an empty key matches no consumer, so the request is refused as unauthenticated.
        Optional<String> key = keys.size() > 1 ? Optional.of("") : keys.stream().findFirst();
        return new Credentials(token, key);
    }

    private static TokenClaims claims(JsonWebToken jwt) {
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        Set<String> groups = jwt.getGroups() == null ? Set.of() : new HashSet<>(jwt.getGroups());
        return new TokenClaims(subject, groups, scopes(jwt.getClaim("scope")), instant(jwt.getClaim("nbf")));
    }

    private static Set<String> scopes(Object claim) {
        String text = claim == null ? "" : claim.toString().replace("\"", "").strip();
        return text.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(text.split("\\s+")));
    }

    /** Reads a NumericDate claim, which servers hand out as a Long or a JSON number. */
    private static Optional<Instant> instant(Object claim) {
        if (claim instanceof Number seconds) {
            return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
        }
        if (claim instanceof JsonNumber seconds) {
            return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
        }
        return Optional.empty();
    }
}
