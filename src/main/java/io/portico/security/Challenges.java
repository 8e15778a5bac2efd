package io.portico.security;

import java.util.ArrayList;
import java.util.List;

/** Builds {@code WWW-Authenticate} values: RFC 6750 for bearer tokens, the same shape for API keys. */
public final class Challenges {

    /** RFC 6750: the token is expired, revoked, malformed or otherwise invalid. */
    public static final String INVALID_TOKEN = "invalid_token";
    /** RFC 6750: the token lacks a scope the resource needs. */
    public static final String INSUFFICIENT_SCOPE = "insufficient_scope";
    /** The API key matches no consumer. */
    public static final String INVALID_KEY = "invalid_key";

    private static final String REALM = "realm=\"portico\"";

    private final String apiKeyHeader;

    public Challenges(String apiKeyHeader) {
        this.apiKeyHeader = apiKeyHeader;
    }

    /** Returns the challenges for a 401 on a route: one per accepted method, with the error where one failed. */
    public String unauthenticated(RouteSecurity route, AccessDecision.Unauthenticated decision) {
        List<String> challenges = new ArrayList<>();
        if (route.accepts(AuthMethod.JWT)) {
            challenges.add(bearer(INVALID_TOKEN.equals(decision.error()) ? INVALID_TOKEN : null));
        }
        if (route.accepts(AuthMethod.API_KEY)) {
            String error = INVALID_KEY.equals(decision.error()) ? ", error=\"" + INVALID_KEY + "\"" : "";
            challenges.add("ApiKey " + REALM + ", header=\"" + apiKeyHeader + "\"" + error);
        }
        return String.join(", ", challenges);
    }

    /** Returns the challenge for a 403 when a token lacks a scope, else null. */
    public static String forbidden(AccessDecision.Forbidden decision) {
        return decision.insufficientScope() ? bearer(INSUFFICIENT_SCOPE) : null;
    }

    /** Returns a bearer challenge, with an RFC 6750 error code when {@code error} is not null. */
    public static String bearer(String error) {
        return "Bearer " + REALM + (error == null ? "" : ", error=\"" + error + "\"");
    }
}
