package io.portico.security;

import java.util.Locale;
import java.util.Set;

/**
 * The names of the headers that carry credentials and identity across the gateway.
 *
 * @param apiKey the header a client sends its API key in; never forwarded
 * @param subject the header that tells the upstream the subject
 * @param consumer the header that tells the upstream the consumer
 * @param roles the header that tells the upstream the roles
 */
public record IdentityHeaders(String apiKey, String subject, String consumer, String roles) {

    /** Returns the names a client must never get past the gateway on its own, in {@link #canonical} form. */
    public Set<String> clientSuppliedNames() {
        return Set.of(canonical(apiKey), canonical(subject), canonical(consumer), canonical(roles));
    }

    /**
     * Returns a header name as upstreams may read it: lower case, with {@code _} as {@code -}, since CGI and WSGI
     * servers (httpbin among them) take {@code X_Portico_Subject} for {@code X-Portico-Subject}.
     */
    public static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
