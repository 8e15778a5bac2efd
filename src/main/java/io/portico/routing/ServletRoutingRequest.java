package io.portico.routing;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Adapts a servlet request to {@link RoutingRequest}; parses the query only if a route asks for it. */
final class ServletRoutingRequest implements RoutingRequest {

    private final HttpServletRequest clientRequest;
    private final RequestPath path;
    private Map<String, List<String>> query;

    ServletRoutingRequest(HttpServletRequest clientRequest, RequestPath path) {
        this.clientRequest = clientRequest;
        this.path = path;
    }

    @Override
    public String method() {
        return clientRequest.getMethod();
    }

    @Override
    public String host() {
        return clientRequest.getServerName();
    }

    @Override
    public RequestPath path() {
        return path;
    }

    @Override
    public List<String> headerValues(String name) {
        return Collections.list(clientRequest.getHeaders(name));
    }

    @Override
    public List<String> queryValues(String name) {
        if (query == null) {
            query = QueryParameters.parse(clientRequest.getQueryString());
        }
        return query.getOrDefault(name, List.of());
    }
}
