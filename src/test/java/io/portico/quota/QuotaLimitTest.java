package io.portico.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuotaLimitTest {

    @ParameterizedTest
    @CsvSource({"100/1m, 100, PT1M", "10/1s, 10, PT1S", "5000/1h, 5000, PT1H", "' 3/90s ', 3, PT1M30S"})
    void requestsPerPeriodIsParsed(String text, long requests, Duration period) {
        Optional<QuotaLimit> limit = QuotaLimit.parse(text);

        assertThat(limit).contains(new QuotaLimit(requests, period));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/1m", "1/0s", "10/1d", "10", "abc", "-1/1s", "10/m", "10/1", "10 / 1m", "1.5/1s",
        "10/1M", ""})
    void anythingButPositiveRequestsPerPositiveSecondsMinutesOrHoursIsRejected(String text) {
        Optional<QuotaLimit> limit = QuotaLimit.parse(text);

        assertThat(limit).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"20/1m, 3000000", "10/1s, 100000", "3/1s, 333334", "7/1s, 142858", "1/3s, 3000000"})
    void emissionIntervalIsThePeriodOverTheRequestsRoundedUpToWholeMicroseconds(String text, long micros) {
        QuotaLimit limit = QuotaLimit.parse(text).orElseThrow();

        long interval = limit.emissionIntervalMicros();

        assertThat(interval).isEqualTo(micros);
    }

    @ParameterizedTest
    @CsvSource({"100/1m, 100/60s", "5000/1h, 5000/3600s"})
    void textStatesThePeriodInSeconds(String text, String expected) {
        QuotaLimit limit = QuotaLimit.parse(text).orElseThrow();

        String written = limit.toString();

        assertThat(written).isEqualTo(expected);
    }
}
