package io.portico.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HealthProbesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1:9001            | /health        | http://127.0.0.1:9001/health",
        "http://127.0.0.1:9001/           | /health        | http://127.0.0.1:9001/health",
        "http://127.0.0.1:9001/base       | /health        | http://127.0.0.1:9001/base/health",
        "http://127.0.0.1:9001/base/      | /health        | http://127.0.0.1:9001/base/health",
        "https://backend.example/a%20b    | /ready         | https://backend.example/a%20b/ready",
        "http://[::1]:8080/api            | /status?full=1 | http://[::1]:8080/api/status?full=1"})
    void probePathIsAppendedToTheBaseUrlWithOneSlash(String base, String path, String expected) {
        URI uri = HealthProbes.probeUri(URI.create(base), path);

        assertThat(uri).isEqualTo(URI.create(expected));
        assertThat(uri.toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 204, 301, 304, 399})
    void twoAndThreeHundredsAreHealthy(int status) {
        boolean healthy = HealthCheck.healthy(status);

        assertThat(healthy).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 199, 400, 404, 500, 503})
    void otherStatusesAreUnhealthy(int status) {
        boolean healthy = HealthCheck.healthy(status);

        assertThat(healthy).isFalse();
    }
}
