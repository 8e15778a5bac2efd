package io.portico.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

    @Test
    void rootHasNoSegments() throws InvalidPathException {
        RequestPath path = RequestPath.parse("/");

        assertThat(path.raw()).isEqualTo("/");
        assertThat(path.segments()).isEmpty();
    }

    @Test
    void segmentsAreSplitOnSlashes() throws InvalidPathException {
        RequestPath path = RequestPath.parse("/a/b");

        assertThat(path.segments()).containsExactly("a", "b");
    }

    @Test
    void trailingSlashAddsAnEmptyLastSegment() throws InvalidPathException {
        RequestPath path = RequestPath.parse("/a/b/");

        assertThat(path.segments()).containsExactly("a", "b", "");
    }

    @Test
    void segmentsAreDecodedAndRawIsKept() throws InvalidPathException {
        RequestPath path = RequestPath.parse("/files/my%20report/caf%C3%A9");

        assertThat(path.segments()).containsExactly("files", "my report", "café");
        assertThat(path.raw()).isEqualTo("/files/my%20report/caf%C3%A9");
    }

    @Test
    void plusStaysAPlusInAPath() throws InvalidPathException {
        RequestPath path = RequestPath.parse("/a+b");

        assertThat(path.segments()).containsExactly("a+b");
    }

    @Test
    void segmentThatOnlyStartsWithDotsIsKept() throws InvalidPathException {
        RequestPath path = RequestPath.parse("/.well-known/...");

        assertThat(path.segments()).containsExactly(".well-known", "...");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a/../b", "/..", "/a/..", "/a/./b", "/.", "/a/%2e%2e/b", "/a/%2E%2E", "/%2E/b",
        "/a/.%2e/b", "/a/..;x/b", "/a/.;jsessionid=1", "/a/%2e%2e;x"})
    void dotSegmentIsRefused(String raw) {
        assertThatExceptionOfType(InvalidPathException.class)
                .isThrownBy(() -> RequestPath.parse(raw))
                .withMessageContaining("'.' or '..'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2Fb", "/a%2fb", "/a%5Cb", "/a%5cb", "/a\\b", "/a%00b", "/a%0Ab", "/a%7Fb"})
    void encodedSlashBackslashOrControlCharacterIsRefused(String raw) {
        assertThatExceptionOfType(InvalidPathException.class)
                .isThrownBy(() -> RequestPath.parse(raw))
                .withMessageContaining("encoded slashes, backslashes or control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//", "//a", "/a//b"})
    void emptyInnerSegmentIsRefused(String raw) {
        assertThatExceptionOfType(InvalidPathException.class)
                .isThrownBy(() -> RequestPath.parse(raw))
                .withMessageContaining("empty segments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%zz", "/a%2", "/a%", "/%g0", "/a%ff", "/a%C3", "/a%C0%AF", "/a%ED%A0%80"})
    void badPercentEncodingOrInvalidUtf8IsRefused(String raw) {
        assertThatExceptionOfType(InvalidPathException.class)
                .isThrownBy(() -> RequestPath.parse(raw))
                .withMessageContaining("invalid percent-encoding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin%\u0662\u0665", "/%\uFF14\uFF11dmin", "/%\u0666\u0661dmin"})
    void escapeWithNonAsciiDigitsIsRefused(String raw) {
        assertThatExceptionOfType(InvalidPathException.class)
                .isThrownBy(() -> RequestPath.parse(raw))
                .withMessageContaining("invalid percent-encoding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "*"})
    void pathNotStartingWithSlashIsRefused(String raw) {
        assertThatExceptionOfType(InvalidPathException.class)
                .isThrownBy(() -> RequestPath.parse(raw))
                .withMessageContaining("must start with '/'");
    }

    @Test
    void nullPathIsRefused() {
        assertThatExceptionOfType(InvalidPathException.class).isThrownBy(() -> RequestPath.parse(null));
    }
}
