package io.portico.routing;

/** Thrown when a request path is ambiguous or malformed and must be refused with 400, never guessed at. */
public final class InvalidPathException extends Exception {

    public InvalidPathException(String message) {
        super(message, null, false, false);
    }
}
