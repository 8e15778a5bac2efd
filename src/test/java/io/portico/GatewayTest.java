package io.portico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.portico.config.ConfigurationException;
import io.portico.config.MapSettings;
import io.portico.dispatch.ForwardingHeaders;
import io.portico.limits.RequestLimits;
import io.portico.routing.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayTest {

    @Test
    void validConfigurationLoadsWithDefaultLimits() {
        Gateway gateway = Gateway.load(MapSettings.of(
                "portico.route.httpbin.path", "/**", "portico.route.httpbin.upstream", "http://127.0.0.1:8081",
                "portico.route.slow.path", "/slow/**", "portico.route.slow.upstream", "http://127.0.0.1:8081",
                "portico.route.slow.strip-prefix", "1", "portico.route.slow.timeout.read", "1s"));

        assertThat(gateway.routes().routes()).extracting(Route::id).containsExactly("slow", "httpbin");
        assertThat(gateway.limits()).isEqualTo(new RequestLimits(10L * 1024 * 1024, 8L * 1024));
    }

    @Test
    void configuredLimitsAreRead() {
        Gateway gateway = Gateway.load(MapSettings.of(
                "portico.limits.request-body", "1KiB", "portico.limits.request-headers", "512"));

        assertThat(gateway.limits()).isEqualTo(new RequestLimits(1024, 512));
    }

    @Test
    void trustedProxiesAreRead() {
        Gateway gateway = Gateway.load(MapSettings.of("portico.trusted-proxies", "10.0.0.0/8, ::1"));

        Map<String, String> headers = gateway.forwarding().compute(new ForwardingHeaders.Inbound(
                "10.1.2.3", "https", "api.example", "10.0.0.1", 8080, List.of(), List.of("203.0.113.9"), null, null));

        assertThat(headers).containsEntry(ForwardingHeaders.X_FORWARDED_FOR, "203.0.113.9, 10.1.2.3");
    }

    @Test
    void unknownKeyIsRejectedNamingKeyAndValue() {
        List<String> problems = problems(MapSettings.of("portico.limits.request-bodies", "1MiB"));

        assertThat(problems).containsExactly(
                "portico.limits.request-bodies: is not a known key (see docs/configuration.md); was '1MiB'");
    }

    @Test
    void unknownKeyOnlyInTheEnvironmentIsNoError() {
        Gateway gateway = Gateway.load(MapSettings.of("portico.route.a.path", "/a",
                "portico.route.a.upstream", "http://127.0.0.1:9000").withEnvironment("portico.skip.build", "1"));

        assertThat(gateway.routes().routes()).hasSize(1);
    }

    @Test
    void keysOutsideThePorticoPrefixAreLeftAlone() {
        Gateway gateway = Gateway.load(MapSettings.of("mp.jwt.verify.issuer", "https://issuer.example"));

        assertThat(gateway.routes().routes()).isEmpty();
    }

    @Test
    void unknownRouteKeyFailsTheWholeLoad() {
        List<String> problems = problems(MapSettings.of("portico.route.a.path", "/a",
                "portico.route.a.upstream", "http://127.0.0.1:9", "portico.route.a.colour", "blue"));

        assertThat(problems).singleElement().asString().startsWith("portico.route.a.colour: ");
    }

    @Test
    void invalidTrustedProxyIsRejectedNamingTheEntry() {
        List<String> problems = problems(MapSettings.of("portico.trusted-proxies", "10.0.0.0/8, proxy.internal"));

        assertThat(problems).containsExactly(
                "portico.trusted-proxies: entries must be IP addresses or CIDR blocks; was 'proxy.internal'");
    }

    @Test
    void everyProblemOfEveryKeyIsReportedInOneException() {
        MapSettings settings = MapSettings.of(
                "portico.colour", "blue",
                "portico.limits.request-body", "10MB",
                "portico.limits.request-headers", "-1",
                "portico.trusted-proxies", "10.0.0.0/33",
                "portico.route.a.path", "/a",
                "portico.route.a.timeout.read", "0s",
                "portico.route.b.upstream", "ftp://127.0.0.1",
                "portico.route.c.path", "/c/**", "portico.route.c.upstream", "http://127.0.0.1:9",
                "portico.route.d.path", "/c/**", "portico.route.d.upstream", "http://127.0.0.1:9");

        List<String> problems = problems(settings);

        assertThat(problems).extracting(problem -> problem.substring(0, problem.indexOf(':')))
                .containsExactlyInAnyOrder("portico.colour", "portico.limits.request-body",
                        "portico.limits.request-headers", "portico.trusted-proxies", "portico.route.a.upstream",
                        "portico.route.a.timeout.read", "portico.route.b.path", "portico.route.b.upstream",
                        "portico.route.c and portico.route.d");
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> Gateway.load(settings))
                .withMessage("Invalid Portico configuration:\n  " + String.join("\n  ", problems));
    }

    /** Returns the problems that make {@code settings} fail to load; none when they load. */
    private static List<String> problems(MapSettings settings) {
        try {
            Gateway.load(settings);
            return List.of();
        } catch (ConfigurationException e) {
            return e.problems();
        }
    }
}
