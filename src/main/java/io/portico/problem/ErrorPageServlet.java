package io.portico.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Renders the answers the server gives on its own (web.xml error pages), such as a 400 for a request it cannot
 * parse, as problem documents, so clients see one error format whatever the server.
 */
public final class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ProblemResponse.send(response, Problems.forStatus(status instanceof Integer code ? code : 404));
    }
}
