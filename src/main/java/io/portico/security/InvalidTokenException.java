package io.portico.security;

/** A bearer token failed verification; the message is one sentence for the client, with no token in it. */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String detail) {
        super(detail, null, false, false);
    }
}
