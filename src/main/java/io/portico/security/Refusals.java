package io.portico.security;

import io.portico.observe.Exchange;
import io.portico.problem.ProblemResponse;
import io.portico.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Answers a request the access policy refused, the same way wherever the policy runs: 401 with the challenges of
 * the methods {@code rules} accept, or 403; one audit line; the reason recorded on the exchange for metrics.
 */
public final class Refusals {

    /** Security events, one line each; per-request detail stays out of INFO elsewhere. */
    private static final Logger AUDIT = Logger.getLogger("io.portico.security");

    private Refusals() {
    }

    /**
     * Answers {@code decision} when it refuses; returns whether it did.
     *
     * @param where what was asked for, for the audit line, such as "route api"
     */
    public static boolean answer(AccessDecision decision, RouteSecurity rules, Challenges challenges, String where,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (decision instanceof AccessDecision.Unauthenticated refused) {
            String reason = refused.error() == null ? "no-credentials" : refused.error().replace('_', '-');
            refuse(401, reason, where, request);
            ProblemResponse.send(response, Problems.unauthorized(refused.detail(),
                    challenges.unauthenticated(rules, refused)));
            return true;
        }
        if (decision instanceof AccessDecision.Forbidden forbidden) {
            refuse(403, forbidden.insufficientScope() ? "missing-scope" : "missing-role", where, request);
            ProblemResponse.send(response, Problems.forbidden(forbidden.detail(), Challenges.forbidden(forbidden)));
            return true;
        }
        return false;
    }

    private static void refuse(int status, String reason, String where, HttpServletRequest request) {
        Exchange.of(request).authFailure(reason);
        AUDIT.info(() -> status + " on " + where + " from " + request.getRemoteAddr() + ": " + reason);
    }
}
