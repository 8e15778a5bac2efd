package io.portico.routing;

import java.util.List;

/** The parts of a client request that routes can match on, free of any servlet type. */
public interface RoutingRequest {

    /** Returns the method in upper case, as received. */
    String method();

    /** Returns the host name the client addressed, without port, or an empty string. */
    String host();

    RequestPath path();

    /** Returns every value of header {@code name}, matched case-insensitively; empty when absent. */
    List<String> headerValues(String name);

    /** Returns every decoded value of query parameter {@code name}; empty when absent. */
    List<String> queryValues(String name);
}
