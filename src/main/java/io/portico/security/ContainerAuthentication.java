package io.portico.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Has the server's MicroProfile JWT verify a bearer token that it has not looked at yet. Payara and WildFly verify
 * every token before any filter runs; Open Liberty only on resources under a security constraint, which a gateway
 * with open routes cannot declare, or when the application asks through {@link HttpServletRequest#authenticate}.
 * Whatever the server would answer to a refused token is kept from the client, so that the gateway's own 401 is
 * the same on every server.
 */
final class ContainerAuthentication {

    private static final String BEARER = "bearer ";

    private ContainerAuthentication() {
    }

    /** Returns false when the request carries a bearer token that the server refuses. */
    static boolean tokenAccepted(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() != null || !hasBearerToken(request)) {
            return true;
        }
        try {
            return request.authenticate(new Muted(response)) && request.getUserPrincipal() != null;
        } catch (ServletException refused) {
            return false;
        }
    }

    private static boolean hasBearerToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    /** The response as the server's mechanism sees it: status, headers and body go nowhere. */
    private static final class Muted extends HttpServletResponseWrapper {

        private final ServletOutputStream nowhere = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("not asynchronous");
            }

            @Override
            public void write(int b) {
                // Dropped: the gateway writes its own answer.
            }
        };

        Muted(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status, String message) {
            // Dropped, as every other part of the server's answer.
        }

        @Override
        public void sendError(int status) {
            // Dropped.
        }

        @Override
        public void setStatus(int status) {
            // Dropped.
        }

        @Override
        public void setHeader(String name, String value) {
            // Dropped.
        }

        @Override
        public void addHeader(String name, String value) {
            // Dropped.
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return nowhere;
        }

        @Override
        public PrintWriter getWriter() {
            return new PrintWriter(Writer.nullWriter());
        }

        @Override
        public void flushBuffer() {
            // Nothing to send.
        }
    }
}
