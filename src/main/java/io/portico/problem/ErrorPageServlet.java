package io.portico.problem;

import io.portico.observe.Observation;
import io.portico.security.Refusals;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Renders the answers the server gives on its own (web.xml error pages) as problem documents, so clients see one
 * error format whatever the server. Its 401s come from the MicroProfile JWT mechanism refusing a bearer token
 * before any filter runs; each is logged as one line, while the server's own per-token stack trace is kept out
 * of the log by {@code server-config}.
 */
public final class ErrorPageServlet extends HttpServlet {

    private static final Logger AUDIT = Logger.getLogger("io.portico.security");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer value ? value : 404;
        if (code == 401) {
            AUDIT.info(() -> "401 from " + request.getRemoteAddr() + ": bearer token refused by MicroProfile JWT");
            refuseToken(request, response);
        } else {
            ProblemResponse.send(response, Problems.forStatus(code));
        }
    }

    /** Answers a refused bearer token, observed as an exchange of its own where observation runs. */
    private void refuseToken(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problem problem = Refusals.INVALID_TOKEN;
        Observation observation = Observation.from(getServletContext());
        if (observation == null) {
            ProblemResponse.send(response, problem);
            return;
        }
        Observation.Refusal refusal = observation.refusedByServer(request, response, "invalid-token");
        ProblemResponse.send(refusal.response(), problem);
        refusal.finish(request, String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)));
    }
}
