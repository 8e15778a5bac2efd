package io.portico.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** Checks that an answer is one of the gateway's own problem documents, and nothing leaks through it. */
final class HttpAssertions {

    private HttpAssertions() {
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .startsWith("{\"type\":\"about:blank\"")
                .contains("\"status\":" + status)
                .doesNotContain("Exception", "\tat ", "127.0.0.1");
    }
}
