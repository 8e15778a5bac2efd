package io.portico.cache;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The client response as the dispatch servlet writes it, recorded on its way so that the cache can store it:
 * status, headers and, up to a limit, the body, which still streams to the client as it comes. When the status
 * is one the cache answers itself (a 304 to its own validation, an error it covers with a stale response), the
 * response is absorbed instead: nothing reaches the client.
 */
final class CapturingResponse extends HttpServletResponseWrapper {

    private final long maxBodyBytes;
    private final IntPredicate absorbed;
    private final List<StoredResponse.Header> headers = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = SC_OK;
    private Instant responseTime = Instant.now();
    private boolean absorbing;
    private boolean overflowed;
    private boolean gatewayMade;
    private ServletOutputStream stream;

    /** Records the response for storing, absorbing it when {@code absorbed} holds for its status. */
    CapturingResponse(HttpServletResponse clientResponse, long maxBodyBytes, IntPredicate absorbed) {
        super(clientResponse);
        this.maxBodyBytes = maxBodyBytes;
        this.absorbed = absorbed;
    }

    int status() {
        return status;
    }

    List<StoredResponse.Header> headers() {
        return headers;
    }

    Instant responseTime() {
        return responseTime;
    }

    boolean absorbed() {
        return absorbing;
    }

    /** Returns whether the response came whole from the upstream and its body fits the limit. */
    boolean complete() {
        return !overflowed && !gatewayMade;
    }

    byte[] body() {
        return body.toByteArray();
    }

    @Override
    public void setStatus(int statusCode) {
        status = statusCode;
        responseTime = Instant.now();
        absorbing = absorbed.test(statusCode);
        if (!absorbing) {
            super.setStatus(statusCode);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        headers.add(new StoredResponse.Header(name, value));
        if (!absorbing) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        headers.removeIf(header -> header.named(name));
        headers.add(new StoredResponse.Header(name, value));
        if (!absorbing) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void setDateHeader(String name, long date) {
        setHeader(name, HttpDates.format(Instant.ofEpochMilli(date)));
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, String.valueOf(value));
    }

    @Override
    public void setContentType(String type) {
        if (type != null) {
            setHeader("Content-Type", type);
        }
    }

    @Override
    public void setContentLength(int length) {
        setContentLengthLong(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        if (!absorbing) {
            super.setContentLengthLong(length);
        }
    }

    /** The gateway answers for itself (an error of its own): such a response is never stored. */
    @Override
    public void reset() {
        gatewayMade = true;
        headers.clear();
        body.reset();
        if (!absorbing) {
            super.reset();
        }
    }

    @Override
    public boolean isCommitted() {
        return !absorbing && super.isCommitted();
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!absorbing) {
            super.flushBuffer();
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new Tee(absorbing ? null : super.getOutputStream());
        }
        return stream;
    }

    private void record(byte[] bytes, int offset, int length) {
        if (overflowed) {
            return;
        }
        if (body.size() + length > maxBodyBytes) {
            overflowed = true;
            body.reset();
        } else {
            body.write(bytes, offset, length);
        }
    }

    /** Writes to the client (unless absorbing) and into the record. */
    private final class Tee extends ServletOutputStream {

        private final ServletOutputStream client;

        Tee(ServletOutputStream client) {
            this.client = client;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            record(bytes, offset, length);
            if (client != null && !absorbing) {
                client.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (client != null && !absorbing) {
                client.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (client != null && !absorbing) {
                client.close();
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("the dispatch servlet writes in blocking mode");
        }
    }
}
