package io.portico.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.problem.Problem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {

    private final RequestLimits limits = new RequestLimits(1024, 100);

    @Test
    void headerLineCountsNameColonSpaceValueAndCrlf() {
        long bytes = RequestLimits.headerLineBytes("Accept", "*/*");

        assertThat(bytes).isEqualTo("Accept: */*\r\n".length());
    }

    @Test
    void headersUpToTheLimitPass() {
        Optional<Problem> problem = limits.checkHeaders(100);

        assertThat(problem).isEmpty();
    }

    @Test
    void headersPastTheLimitAreRefusedWith431() {
        Optional<Problem> problem = limits.checkHeaders(101);

        assertThat(problem).hasValueSatisfying(refusal -> {
            assertThat(refusal.status()).isEqualTo(431);
            assertThat(refusal.detail()).contains("100 bytes");
        });
    }

    @Test
    void declaredBodyUpToTheLimitPasses() {
        Optional<Problem> problem = limits.checkDeclaredBody(1024);

        assertThat(problem).isEmpty();
    }

    @Test
    void undeclaredBodyLengthPasses() {
        Optional<Problem> problem = limits.checkDeclaredBody(-1);

        assertThat(problem).isEmpty();
    }

    @Test
    void declaredBodyPastTheLimitIsRefusedWith413() {
        Optional<Problem> problem = limits.checkDeclaredBody(1025);

        assertThat(problem).hasValueSatisfying(refusal -> {
            assertThat(refusal.status()).isEqualTo(413);
            assertThat(refusal.detail()).contains("1024 bytes");
        });
    }
}
