package io.portico.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.limits.ContentTooLargeException;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class UpstreamFailureTest {

    @Test
    void connectTimeoutIsGatewayTimeout() {
        UpstreamFailure failure = UpstreamFailure.classify(
                new ProcessingException(new SocketTimeoutException("Connect timed out")));

        assertThat(failure).isEqualTo(UpstreamFailure.CONNECT_TIMEOUT);
        assertThat(failure.status()).isEqualTo(504);
    }

    @Test
    void readTimeoutIsGatewayTimeout() {
        UpstreamFailure failure = UpstreamFailure.classify(
                new ProcessingException(new SocketTimeoutException("Read timed out")));

        assertThat(failure).isEqualTo(UpstreamFailure.READ_TIMEOUT);
        assertThat(failure.status()).isEqualTo(504);
    }

    @Test
    void timeoutWithoutMessageIsAReadTimeout() {
        UpstreamFailure failure = UpstreamFailure.classify(new SocketTimeoutException());

        assertThat(failure).isEqualTo(UpstreamFailure.READ_TIMEOUT);
    }

    @Test
    void refusedConnectionIsBadGateway() {
        UpstreamFailure failure = UpstreamFailure.classify(
                new ProcessingException(new ConnectException("Connection refused")));

        assertThat(failure).isEqualTo(UpstreamFailure.REFUSED);
        assertThat(failure.status()).isEqualTo(502);
    }

    @Test
    void unreachableOrUnknownHostIsRefused() {
        assertThat(UpstreamFailure.classify(new NoRouteToHostException())).isEqualTo(UpstreamFailure.REFUSED);
        assertThat(UpstreamFailure.classify(new UnknownHostException("backend")))
                .isEqualTo(UpstreamFailure.REFUSED);
    }

    @Test
    void bodyPastTheLimitIsContentTooLargeHoweverDeepItIsWrapped() {
        UpstreamFailure failure = UpstreamFailure.classify(new ProcessingException(
                new IOException("write failed", new ContentTooLargeException(1024))));

        assertThat(failure).isEqualTo(UpstreamFailure.CONTENT_TOO_LARGE);
        assertThat(failure.status()).isEqualTo(413);
    }

    @Test
    void outermostTellingCauseDecides() {
        UpstreamFailure failure = UpstreamFailure.classify(
                new ContentTooLargeException(10).initCause(new SocketTimeoutException("Read timed out")));

        assertThat(failure).isEqualTo(UpstreamFailure.CONTENT_TOO_LARGE);
    }

    @Test
    void anyOtherFailureIsABrokenExchange() {
        UpstreamFailure failure = UpstreamFailure.classify(
                new ProcessingException(new SocketException("Connection reset")));

        assertThat(failure).isEqualTo(UpstreamFailure.BROKEN);
        assertThat(failure.status()).isEqualTo(502);
    }

    @Test
    void causeChainThatLoopsStillEnds() {
        IOException first = new IOException("first");
        IOException second = new IOException("second", first);
        first.initCause(second);

        UpstreamFailure failure = UpstreamFailure.classify(first);

        assertThat(failure).isEqualTo(UpstreamFailure.BROKEN);
    }
}
