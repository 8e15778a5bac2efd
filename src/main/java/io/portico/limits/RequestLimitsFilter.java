package io.portico.limits;

import io.portico.Gateway;
import io.portico.problem.Problem;
import io.portico.problem.ProblemResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Optional;

/** Refuses requests whose headers or declared body exceed {@link RequestLimits}, before any other work. */
public final class RequestLimitsFilter extends HttpFilter {

    private RequestLimits limits;

    @Override
    public void init() {
        limits = Gateway.from(getServletContext()).limits();
    }

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        Optional<Problem> problem = limits.checkHeaders(headerBytes(clientRequest))
                .or(() -> limits.checkDeclaredBody(clientRequest.getContentLengthLong()));
        if (problem.isPresent()) {
            ProblemResponse.send(clientResponse, problem.get());
            return;
        }
        chain.doFilter(clientRequest, clientResponse);
    }

    private static long headerBytes(HttpServletRequest clientRequest) {
        long total = 0;
        for (String name : Collections.list(clientRequest.getHeaderNames())) {
            for (String value : Collections.list(clientRequest.getHeaders(name))) {
                total += RequestLimits.headerLineBytes(name, value);
            }
        }
        return total;
    }
}
