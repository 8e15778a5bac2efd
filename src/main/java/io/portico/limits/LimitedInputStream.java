package io.portico.limits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a body through and fails with {@link ContentTooLargeException} once it exceeds a limit. */
public final class LimitedInputStream extends FilterInputStream {

    private final long limitBytes;
    private long count;

    public LimitedInputStream(InputStream in, long limitBytes) {
        super(in);
        this.limitBytes = limitBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    /** Returns how many bytes were read so far. */
    public long bytesRead() {
        return count;
    }

    private void count(int n) throws IOException {
        count += n;
        if (count > limitBytes) {
            throw new ContentTooLargeException(limitBytes);
        }
    }
}
