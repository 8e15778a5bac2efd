package io.portico.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, 10.255.1.2, true", "10.0.0.0/8, 11.0.0.1, false", "192.168.4.0/22, 192.168.7.255, true",
        "192.168.4.0/22, 192.168.8.0, false", "0.0.0.0/0, 203.0.113.9, true", "127.0.0.1, 127.0.0.1, true",
        "127.0.0.1, 127.0.0.2, false", "127.0.0.1/32, 127.0.0.1, true"})
    void ipv4BlocksAndAddressesAreMatchedBitForBit(String entry, String peer, boolean trusted) {
        TrustedProxies proxies = TrustedProxies.parse(List.of(entry));

        assertThat(proxies.trusts(peer)).isEqualTo(trusted);
    }

    @ParameterizedTest
    @CsvSource({"2001:db8::/32, 2001:db8:ffff::1, true", "2001:db8::/32, 2001:db9::1, false",
        "fd00::/8, FD12:3456::1, true", "::1, ::1, true", "::1, 0:0:0:0:0:0:0:1, true", "::1, ::2, false",
        "[::1], [::1], true", "2001:db8::1/128, 2001:db8::1, true", "::/0, 2001:db8::7, true"})
    void ipv6BlocksAndAddressesAreMatchedBitForBit(String entry, String peer, boolean trusted) {
        TrustedProxies proxies = TrustedProxies.parse(List.of(entry));

        assertThat(proxies.trusts(peer)).isEqualTo(trusted);
    }

    @Test
    void ipv4BlockDoesNotTrustAnIpv6Peer() {
        TrustedProxies proxies = TrustedProxies.parse(List.of("0.0.0.0/0"));

        assertThat(proxies.trusts("2001:db8::1")).isFalse();
    }

    @Test
    void anyEntryOfTheListGrantsTrust() {
        TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "::1", "192.0.2.10"));

        assertThat(proxies.trusts("192.0.2.10")).isTrue();
        assertThat(proxies.trusts("::1")).isTrue();
        assertThat(proxies.trusts("192.0.2.11")).isFalse();
    }

    @Test
    void noneTrustsNobody() {
        TrustedProxies proxies = TrustedProxies.none();

        assertThat(proxies.trusts("127.0.0.1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "proxy.internal", "gateway", "10.0.0.0/8x", "10.0.0.0/33", "10.0.0.0/-1",
        "::1/129", "10.0.0/8", "10.0.0.0/", "fe80::1%eth0", "999.1.1.1", "10.0.0.256/8", ""})
    void entryThatIsNotAnAddressOrBlockIsRefusedByName(String entry) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TrustedProxies.parse(List.of("127.0.0.1", entry)))
                .withMessage(entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "ip6-localhost", "unknown", ""})
    void peerGivenByNameIsNotTrusted(String peer) {
        TrustedProxies proxies = TrustedProxies.parse(List.of("0.0.0.0/0", "::/0"));

        assertThat(proxies.trusts(peer)).isFalse();
    }
}
