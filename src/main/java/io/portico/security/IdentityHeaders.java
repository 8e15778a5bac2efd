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

    /** Returns the lower-case names a client must never get past the gateway on its own. */
    public Set<String> clientSuppliedNames() {
        return Set.of(lower(apiKey), lower(subject), lower(consumer), lower(roles));
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
