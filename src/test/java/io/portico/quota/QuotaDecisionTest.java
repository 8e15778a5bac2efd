package io.portico.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaDecisionTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "999999, 1", "1000000, 1", "1000001, 2", "3000000, 3", "59000001, 60"})
    void retryAfterSecondsRoundsUpSoThatWaitingThemIsEnough(long micros, long seconds) {
        QuotaDecision decision = new QuotaDecision(false, 0, micros, 60_000_000);

        long retryAfter = decision.retryAfterSeconds();

        assertThat(retryAfter).isEqualTo(seconds);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "3000000, 3", "3000001, 4"})
    void resetSecondsRoundsUp(long micros, long seconds) {
        QuotaDecision decision = new QuotaDecision(true, 5, 0, micros);

        long reset = decision.resetSeconds();

        assertThat(reset).isEqualTo(seconds);
    }
}
