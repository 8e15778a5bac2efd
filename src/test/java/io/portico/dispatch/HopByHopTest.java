package io.portico.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HopByHopTest {

    @ParameterizedTest
    @ValueSource(strings = {"Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "transfer-encoding", "UPGRADE"})
    void fixedHopByHopHeadersAreNeverForwarded(String name) {
        HopByHop hopByHop = HopByHop.of(List.of());

        assertThat(hopByHop.contains(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "Content-Length", "Content-Type", "Cookie", "X-Request-Id", "Forwarded"})
    void endToEndHeadersAreForwarded(String name) {
        HopByHop hopByHop = HopByHop.of(List.of("keep-alive"));

        assertThat(hopByHop.contains(name)).isFalse();
    }

    @Test
    void headersNamedInConnectionAreHopByHopInAnyCase() {
        HopByHop hopByHop = HopByHop.of(List.of("close, X-Session-Token", " x-trace ,,", "Keep-Alive"));

        assertThat(hopByHop.contains("x-session-token")).isTrue();
        assertThat(hopByHop.contains("X-Trace")).isTrue();
        assertThat(hopByHop.contains("close")).isTrue();
        assertThat(hopByHop.contains("X-Other")).isFalse();
    }
}
