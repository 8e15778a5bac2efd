package io.portico.limits;

import java.io.IOException;

/** Thrown while a request body streams to the upstream when it grows past the configured limit. */
public final class ContentTooLargeException extends IOException {

    public ContentTooLargeException(long limitBytes) {
        super("request body exceeds " + limitBytes + " bytes");
    }
}
