package io.portico.security;

import java.util.Optional;

/** What the access policy decided for one request. */
public sealed interface AccessDecision {

    /** The request may pass; {@code identity} is empty on an open route. */
    record Granted(Optional<Identity> identity) implements AccessDecision {
    }

    /**
     * No acceptable credentials: 401.
     *
     * @param error the RFC 6750 error code ({@code invalid_token}), or null when no credentials came
     * @param detail one sentence for the client
     */
    record Unauthenticated(String error, String detail) implements AccessDecision {
    }

    /**
     * Authenticated but not allowed: 403.
     *
     * @param insufficientScope whether a scope is missing (RFC 6750 {@code insufficient_scope}) rather than a role
     * @param detail one sentence for the client
     */
    record Forbidden(boolean insufficientScope, String detail) implements AccessDecision {
    }
}
