package io.portico.admin;

import io.portico.observe.Exchange;
import java.util.Map;
import java.util.Locale;
import java.util.List;
import java.util.HashMap;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import jakarta.json.JsonObject;
import io.portico.upstream.UpstreamRuntime;
import jakarta.json.Json;
import io.portico.routing.InvalidPathException;
import io.portico.routing.DescribedRequest;
import io.portico.observe.Observation;
import io.portico.Gateway;
import io.portico.cache.CachePurge;
import io.portico.problem.ProblemResponse;
import io.portico.problem.Problems;
import io.portico.security.AccessDecision;
import io.portico.security.AuthMethod;
import io.portico.security.Refusals;
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
 * The operators' API under the reserved prefix {@code /_portico/}. Open to anyone: {@code health}, {@code ready}
 * and the {@code dashboard} page (which asks for a key before it shows anything). For a token or API key with the
 * admin role: {@code routes}, {@code explain}, {@code stats}, {@code upstreams}, and {@code DELETE cache}, which
 * purges every stored response, or with {@code route}, {@code host} and {@code target} (path and query as clients
 * send them) the responses to one URI.
 */
public final class AdminServlet extends HttpServlet {

    private static final Logger AUDIT = Logger.getLogger("io.portico.security");

    /** How the admin API's own requests are named in metrics and the access log. */
    private static final String ROUTE = "_portico";

    private transient Gateway gateway;
    private transient SecurityConfig security;
    private transient RouteSecurity adminRules;

    @Override
    public void init() {
        gateway = Gateway.from(getServletContext());
        security = gateway.security();
        adminRules = new RouteSecurity(Set.of(AuthMethod.JWT, AuthMethod.API_KEY), Set.of(gateway.adminRole()),
                Set.of(), false);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String page = request.getPathInfo() == null ? "" : request.getPathInfo();
        Exchange.of(request).route(ROUTE);
        response.setDateHeader("Date", System.currentTimeMillis());
        switch (page) {
            case "/health" -> json(response, Json.createObjectBuilder().add("status", "UP").build());
            case "/ready" -> json(response, Json.createObjectBuilder().add("status", "READY")
                    .add("routes", gateway.routes().routes().size()).build());
            case "/dashboard" -> dashboard(response);
            default -> {
                if (allowed(request, response)) {
                    operate(page, request, response);
                }
            }
        }
    }

    private void operate(String page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (page) {
            case "/routes" -> json(response, Explanation.routes(gateway));
            case "/explain" -> explain(request, response);
            case "/stats" -> json(response, Statistics.json(Observation.from(getServletContext()).stats()));
            case "/upstreams" -> json(response, UpstreamStates.json(UpstreamRuntime.from(getServletContext())));
            case "/cache" -> purge(request, response);
            default -> ProblemResponse.send(response, Problems.notFound());
        }
    }

    /** Checks the admin role, answering 401 or 403 itself when it is missing. */
    private boolean allowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AccessDecision decision = security.policy().decide(adminRules,
                ServletCredentials.of(request, security.headers()), Instant.now());
        Refusals.answer(decision, adminRules, security.challenges(), "the admin API", request, response);
        return decision instanceof AccessDecision.Granted;
    }

    private void explain(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, List<String>> headers = new HashMap<>();
        String[] described = request.getParameterValues("header");
        for (String header : described == null ? new String[0] : described) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(header.substring(colon + 1).strip());
            }
        }
        String method = request.getParameter("method") == null ? "GET" : request.getParameter("method");
        String host = request.getParameter("host") == null ? "" : request.getParameter("host");
        try {
            json(response, Explanation.explain(gateway, new DescribedRequest(method.toUpperCase(Locale.ROOT), host,
                    Explanation.path(request.getParameter("path")), headers, request.getParameter("query"))));
        } catch (InvalidPathException e) {
            json(response, Json.createObjectBuilder().add("decision", "400").add("why", e.getMessage()).build());
        }
    }

    private void dashboard(HttpServletResponse response) throws IOException {
        try (InputStream page = AdminServlet.class.getResourceAsStream("dashboard.html")) {
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            page.transferTo(response.getOutputStream());
        }
    }

    private static void json(HttpServletResponse response, JsonObject body) throws IOException {
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
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
