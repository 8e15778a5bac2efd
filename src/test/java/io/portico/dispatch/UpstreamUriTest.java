package io.portico.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamUriTest {

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:9000, /api/users, 0, http://127.0.0.1:9000/api/users",
        "http://127.0.0.1:9000/, /api/users, 0, http://127.0.0.1:9000/api/users",
        "http://127.0.0.1:9000/base, /api/users, 0, http://127.0.0.1:9000/base/api/users",
        "http://127.0.0.1:9000/base/, /api/users, 0, http://127.0.0.1:9000/base/api/users",
        "http://127.0.0.1:9000/base, /, 0, http://127.0.0.1:9000/base/",
        "https://[::1]:9443/v2, /x, 0, https://[::1]:9443/v2/x"})
    void pathIsAppendedToTheBase(String base, String rawPath, int stripPrefix, String expected)
            throws URISyntaxException {
        URI target = UpstreamUri.resolve(URI.create(base), rawPath, stripPrefix, null);

        assertThat(target).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "/api/users/7, 1, /users/7", "/api/users/7, 2, /7", "/api/users/7, 3, /", "/api/users/7, 9, /",
        "/api, 1, /", "/api/, 1, /", "/api/users/, 2, /", "/a%2Fb/c, 1, /c"})
    void stripPrefixRemovesLeadingSegments(String rawPath, int stripPrefix, String expectedPath)
            throws URISyntaxException {
        URI target = UpstreamUri.resolve(URI.create("http://127.0.0.1:9000"), rawPath, stripPrefix, null);

        assertThat(target.getRawPath()).isEqualTo(expectedPath);
    }

    @Test
    void strippedPathIsAppendedAfterTheBasePath() throws URISyntaxException {
        URI target = UpstreamUri.resolve(URI.create("http://127.0.0.1:9000/internal/"), "/public/users/7", 1, null);

        assertThat(target).hasToString("http://127.0.0.1:9000/internal/users/7");
    }

    @Test
    void queryIsKeptByteForByte() throws URISyntaxException {
        String rawQuery = "q=a%20b&pct=%25&br=filter[x]&plus=a+b";

        URI target = UpstreamUri.resolve(URI.create("http://127.0.0.1:9000"), "/search", 0, rawQuery);

        assertThat(target.getRawQuery()).isEqualTo(rawQuery);
        assertThat(target).hasToString("http://127.0.0.1:9000/search?" + rawQuery);
    }

    @Test
    void emptyQueryIsKeptAsSent() throws URISyntaxException {
        URI target = UpstreamUri.resolve(URI.create("http://127.0.0.1:9000"), "/search", 0, "");

        assertThat(target).hasToString("http://127.0.0.1:9000/search?");
    }

    @Test
    void encodedPathIsKeptByteForByte() throws URISyntaxException {
        String rawPath = "/files/my%20report/caf%C3%A9/a+b;v=1";

        URI target = UpstreamUri.resolve(URI.create("http://127.0.0.1:9000"), rawPath, 0, null);

        assertThat(target.getRawPath()).isEqualTo(rawPath);
        assertThat(target.getRawQuery()).isNull();
    }

    @Test
    void characterThatMustBeEncodedIsRefused() {
        assertThatExceptionOfType(URISyntaxException.class).isThrownBy(
                () -> UpstreamUri.resolve(URI.create("http://127.0.0.1:9000"), "/a b", 0, null));
    }
}
