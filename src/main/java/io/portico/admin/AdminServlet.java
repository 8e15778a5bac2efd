package io.portico.admin;

import io.portico.Gateway;
import io.portico.cache.CachePurge;
import io.portico.problem.ProblemResponse;
import io.portico.problem.Problems;
import io.portico.security.AccessDecision;
import io.portico.security.AuthMethod;
import io.portico.security.Challenges;
import io.portico.security.RouteSecurity;
import io.portico.security.SecurityConfig;
import io.portico.security.ServletCredentials;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The operators' API under the reserved prefix {@code /_portico/}, open to a token or API key with the admin role.
 * {@code DELETE /_portico/cache} purges every stored response; with {@code route}, {@code host} and
 * {@code target} (path and query as clients send them) it purges the responses to one URI.
 */
public final class AdminServlet extends HttpServlet {

    private static final Logger AUDIT = Logger.getLogger("io.portico.security");

    private transient SecurityConfig security;
    private transient RouteSecurity adminRules;

    @Override
    public void init() {
        Gateway gateway = Gateway.from(getServletContext());
        security = gateway.security();
        adminRules = new RouteSecurity(Set.of(AuthMethod.JWT, AuthMethod.API_KEY), Set.of(gateway.adminRole()),
                Set.of(), false);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AccessDecision decision = security.policy().decide(adminRules,
                ServletCredentials.of(request, security.headers()), Instant.now());
        if (decision instanceof AccessDecision.Unauthenticated refused) {
            AUDIT.info(() -> "401 on the admin API from " + request.getRemoteAddr());
            ProblemResponse.send(response, Problems.unauthorized(refused.detail(),
                    security.challenges().unauthenticated(adminRules, refused)));
        } else if (decision instanceof AccessDecision.Forbidden forbidden) {
            AUDIT.info(() -> "403 on the admin API from " + request.getRemoteAddr());
            ProblemResponse.send(response, Problems.forbidden(forbidden.detail(), Challenges.forbidden(forbidden)));
        } else if ("/cache".equals(request.getPathInfo())) {
            purge(request, response);
        } else {
            ProblemResponse.send(response, Problems.notFound());
        }
    }

    private void purge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("DELETE")) {
            ProblemResponse.send(response, Problems.methodNotAllowed(java.util.List.of("DELETE")));
            return;
        }
        String route = request.getParameter("route");
        String target = request.getParameter("target");
        boolean purged;
        if (route == null && target == null) {
            purged = CachePurge.all(getServletContext());
        } else if (route != null && target != null && target.startsWith("/")) {
            String host = request.getParameter("host") == null ? "" : request.getParameter("host");
            purged = CachePurge.one(getServletContext(), route, host, target);
        } else {
            ProblemResponse.send(response, Problems.badRequest("Purge everything, or give route, host and a "
                    + "target starting with '/'."));
            return;
        }
        AUDIT.info(() -> "cache purged by the admin API: " + (route == null ? "everything" : "route " + route));
        response.setStatus(purged ? HttpServletResponse.SC_NO_CONTENT : HttpServletResponse.SC_NOT_FOUND);
    }
}
