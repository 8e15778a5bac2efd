package io.portico.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client request as routing sees it, built from a request target such as {@code /a/b?x=1}.
 *
 * @param method the method
 * @param host the host name, without port
 * @param path the parsed path
 * @param headers the header values by lower-case name
 * @param rawQuery the query as sent, or null
 */
record TestRequest(String method, String host, RequestPath path, Map<String, List<String>> headers, String rawQuery)
        implements RoutingRequest {

    TestRequest {
        headers = Map.copyOf(headers);
    }

    static TestRequest get(String target) {
        return request("GET", target);
    }

    static TestRequest request(String method, String target) {
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? null : target.substring(question + 1);
        try {
            return new TestRequest(method, "gateway.example", RequestPath.parse(rawPath), Map.of(), rawQuery);
        } catch (InvalidPathException e) {
            throw new AssertionError(target, e);
        }
    }

    TestRequest host(String host) {
        return new TestRequest(method, host, path, headers, rawQuery);
    }

    TestRequest header(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(more.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
        values.add(value);
        more.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
        return new TestRequest(method, host, path, more, rawQuery);
    }

    @Override
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public List<String> queryValues(String name) {
        return QueryParameters.parse(rawQuery).getOrDefault(name, List.of());
    }
}
