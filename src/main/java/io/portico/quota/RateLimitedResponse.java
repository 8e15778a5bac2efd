package io.portico.quota;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.Map;

/**
 * The client response on a limited route: carries the gateway's rate limit headers whatever happens later (an
 * error answer resets the response; they are set again), and drops any the upstream sends of its own.
 */
final class RateLimitedResponse extends HttpServletResponseWrapper {

    private final Map<String, String> headers;

    RateLimitedResponse(HttpServletResponse clientResponse, Map<String, String> headers) {
        super(clientResponse);
        this.headers = headers;
        apply();
    }

    private void apply() {
        headers.forEach(super::setHeader);
    }

    @Override
    public void reset() {
        super.reset();
        apply();
    }

    @Override
    public void setHeader(String name, String value) {
        if (!RateLimitHeaders.owns(name)) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!RateLimitHeaders.owns(name)) {
            super.addHeader(name, value);
        }
    }
}
