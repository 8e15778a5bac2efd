package io.portico.dispatch;

import java.net.URI;
import java.net.URISyntaxException;

/** Builds the upstream request URI from a base URL and the client's raw path and query, byte for byte. */
public final class UpstreamUri {

    private UpstreamUri() {
    }

    /**
     * Returns {@code base} followed by {@code rawPath} without its first {@code stripPrefix} segments, and by
     * {@code rawQuery} when not null. Nothing is decoded or encoded again.
     *
     * @throws URISyntaxException when the client's path or query holds characters that a URI must encode
     */
    public static URI resolve(URI base, String rawPath, int stripPrefix, String rawQuery) throws URISyntaxException {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        if (basePath.endsWith("/")) {
            basePath = basePath.substring(0, basePath.length() - 1);
        }
        StringBuilder target = new StringBuilder(base.getScheme()).append("://").append(base.getRawAuthority())
                .append(basePath).append(strip(rawPath, stripPrefix));
        if (rawQuery != null) {
            target.append('?').append(rawQuery);
        }
        return new URI(target.toString());
    }

    /** Returns {@code rawPath} without its first {@code segments} segments; at least {@code /}. */
    static String strip(String rawPath, int segments) {
        int index = 0;
        for (int i = 0; i < segments; i++) {
            int next = rawPath.indexOf('/', index + 1);
            if (next < 0) {
                return "/";
            }
            index = next;
        }
        return rawPath.substring(index);
    }
}
