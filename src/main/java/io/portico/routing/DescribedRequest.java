package io.portico.routing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request described rather than received, for the admin API's explain call.
 *
 * @param method the method
 * @param host the host name, without port
 * @param path the parsed path
 * @param headers header values by lower-case name
 * @param rawQuery the query as a client would send it, or null
 */
public record DescribedRequest(String method, String host, RequestPath path, Map<String, List<String>> headers,
        String rawQuery) implements RoutingRequest {

    @Override
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public List<String> queryValues(String name) {
        return QueryParameters.parse(rawQuery).getOrDefault(name, List.of());
    }
}
