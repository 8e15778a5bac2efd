package io.portico.observe;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/** Counts the body bytes sent to the client and keeps the request id on the response through any reset. */
final class CountingResponse extends HttpServletResponseWrapper {

    private final String requestId;
    private long bytes;
    private ServletOutputStream stream;

    CountingResponse(HttpServletResponse clientResponse, String requestId) {
        super(clientResponse);
        this.requestId = requestId;
        super.setHeader("X-Request-Id", requestId);
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void reset() {
        super.reset();
        super.setHeader("X-Request-Id", requestId);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            ServletOutputStream client = super.getOutputStream();
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    client.write(b);
                    bytes++;
                }

                @Override
                public void write(byte[] buffer, int offset, int length) throws IOException {
                    client.write(buffer, offset, length);
                    bytes += length;
                }

                @Override
                public void flush() throws IOException {
                    client.flush();
                }

                @Override
                public void close() throws IOException {
                    client.close();
                }

                @Override
                public boolean isReady() {
                    return client.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    client.setWriteListener(listener);
                }
            };
        }
        return stream;
    }
}
