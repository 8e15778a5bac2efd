package io.portico.dispatch;

import static io.portico.dispatch.ForwardingHeaders.FORWARDED;
import static io.portico.dispatch.ForwardingHeaders.X_FORWARDED_FOR;
import static io.portico.dispatch.ForwardingHeaders.X_FORWARDED_HOST;
import static io.portico.dispatch.ForwardingHeaders.X_FORWARDED_PROTO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardingHeadersTest {

    private static final ForwardingHeaders TRUSTING_LOOPBACK = new ForwardingHeaders(
            TrustedProxies.parse(List.of("127.0.0.0/8", "::1")));

    @Test
    void untrustedPeersForwardingHeadersAreReplaced() {
        ForwardingHeaders.Inbound inbound = new ForwardingHeaders.Inbound("203.0.113.7", "http", "api.example",
                "10.0.0.1", 8080, List.of("for=1.2.3.4;proto=https"), List.of("1.2.3.4, 5.6.7.8"), "https",
                "forged.example");

        Map<String, String> headers = TRUSTING_LOOPBACK.compute(inbound);

        assertThat(headers).containsExactly(
                Map.entry(FORWARDED, "for=203.0.113.7;by=\"10.0.0.1:8080\";host=api.example;proto=http"),
                Map.entry(X_FORWARDED_FOR, "203.0.113.7"),
                Map.entry(X_FORWARDED_PROTO, "http"),
                Map.entry(X_FORWARDED_HOST, "api.example"));
    }

    @Test
    void trustedPeersForwardingHeadersAreExtended() {
        ForwardingHeaders.Inbound inbound = new ForwardingHeaders.Inbound("127.0.0.1", "http", "api.example:8443",
                "127.0.0.1", 8080, List.of("for=198.51.100.4;proto=https", "for=198.51.100.5"),
                List.of("198.51.100.4", "198.51.100.5"), "https", "api.example");

        Map<String, String> headers = TRUSTING_LOOPBACK.compute(inbound);

        assertThat(headers).containsExactly(
                Map.entry(FORWARDED, "for=198.51.100.4;proto=https, for=198.51.100.5, "
                        + "for=127.0.0.1;by=\"127.0.0.1:8080\";host=\"api.example:8443\";proto=http"),
                Map.entry(X_FORWARDED_FOR, "198.51.100.4, 198.51.100.5, 127.0.0.1"),
                Map.entry(X_FORWARDED_PROTO, "https"),
                Map.entry(X_FORWARDED_HOST, "api.example"));
    }

    @Test
    void trustedPeerWithoutForwardingHeadersGetsOnlyItsOwn() {
        ForwardingHeaders.Inbound inbound = new ForwardingHeaders.Inbound("127.0.0.1", "https", "api.example",
                "127.0.0.1", 8443, List.of(), List.of(), null, null);

        Map<String, String> headers = TRUSTING_LOOPBACK.compute(inbound);

        assertThat(headers).containsExactly(
                Map.entry(FORWARDED, "for=127.0.0.1;by=\"127.0.0.1:8443\";host=api.example;proto=https"),
                Map.entry(X_FORWARDED_FOR, "127.0.0.1"),
                Map.entry(X_FORWARDED_PROTO, "https"),
                Map.entry(X_FORWARDED_HOST, "api.example"));
    }

    @Test
    void ipv6NodesAreBracketedAndQuotedInForwarded() {
        ForwardingHeaders.Inbound inbound = new ForwardingHeaders.Inbound("2001:db8::7", "http", "[2001:db8::1]:8080",
                "2001:db8::1", 8080, List.of(), List.of(), null, null);

        Map<String, String> headers = TRUSTING_LOOPBACK.compute(inbound);

        assertThat(headers.get(FORWARDED)).isEqualTo(
                "for=\"[2001:db8::7]\";by=\"[2001:db8::1]:8080\";host=\"[2001:db8::1]:8080\";proto=http");
        assertThat(headers.get(X_FORWARDED_FOR)).isEqualTo("2001:db8::7");
    }

    @Test
    void trustedIpv6PeerIsAppendedBracketed() {
        ForwardingHeaders.Inbound inbound = new ForwardingHeaders.Inbound("::1", "http", "localhost", "::1", 8080,
                List.of("for=\"[2001:db8::9]\""), List.of("2001:db8::9"), null, null);

        Map<String, String> headers = TRUSTING_LOOPBACK.compute(inbound);

        assertThat(headers.get(FORWARDED))
                .isEqualTo("for=\"[2001:db8::9]\", for=\"[::1]\";by=\"[::1]:8080\";host=localhost;proto=http");
        assertThat(headers.get(X_FORWARDED_FOR)).isEqualTo("2001:db8::9, ::1");
    }

    @Test
    void hostThatIsNotATokenIsQuotedWithEscapes() {
        ForwardingHeaders.Inbound inbound = new ForwardingHeaders.Inbound("203.0.113.7", "http", "a\"b\\c d",
                "10.0.0.1", 80, List.of(), List.of(), null, null);

        Map<String, String> headers = TRUSTING_LOOPBACK.compute(inbound);

        assertThat(headers.get(FORWARDED)).contains(";host=\"a\\\"b\\\\c d\";");
    }

    @Test
    void everyComputedHeaderIsOneTheGatewayOwns() {
        ForwardingHeaders.Inbound inbound = new ForwardingHeaders.Inbound("203.0.113.7", "http", "api.example",
                "10.0.0.1", 80, List.of(), List.of(), null, null);

        Map<String, String> headers = TRUSTING_LOOPBACK.compute(inbound);

        assertThat(headers.keySet()).map(String::toLowerCase)
                .containsExactlyInAnyOrderElementsOf(ForwardingHeaders.NAMES);
    }

    @Test
    void clientAddressIsThePeerWhenThePeerIsNotTrustedEvenWithXForwardedFor() {
        List<String> forwardedFor = List.of("198.51.100.1, 127.0.0.2");

        String client = TRUSTING_LOOPBACK.clientAddress("203.0.113.7", forwardedFor);

        assertThat(client).isEqualTo("203.0.113.7");
    }

    @Test
    void clientAddressBehindATrustedPeerIsTheRightMostUntrustedHop() {
        List<String> forwardedFor = List.of("192.0.2.66, 198.51.100.1", "203.0.113.9, 127.0.0.2", "::1");

        String client = TRUSTING_LOOPBACK.clientAddress("127.0.0.1", forwardedFor);

        assertThat(client).isEqualTo("203.0.113.9");
    }

    @Test
    void clientAddressIsTheLeftMostHopWhenEveryHopIsTrusted() {
        List<String> forwardedFor = List.of("127.0.0.3, 127.0.0.2", "::1");

        String client = TRUSTING_LOOPBACK.clientAddress("127.0.0.1", forwardedFor);

        assertThat(client).isEqualTo("127.0.0.3");
    }

    @Test
    void clientAddressIsTheTrustedPeerItselfWithoutXForwardedFor() {
        List<String> forwardedFor = List.of();

        String client = TRUSTING_LOOPBACK.clientAddress("127.0.0.1", forwardedFor);

        assertThat(client).isEqualTo("127.0.0.1");
    }

    @Test
    void clientAddressIgnoresEmptyHops() {
        List<String> forwardedFor = List.of("203.0.113.9,, ", " ");

        String client = TRUSTING_LOOPBACK.clientAddress("127.0.0.1", forwardedFor);

        assertThat(client).isEqualTo("203.0.113.9");
    }
}
