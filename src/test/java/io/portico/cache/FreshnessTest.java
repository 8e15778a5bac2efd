package io.portico.cache;

import static io.portico.cache.Responses.date;
import static io.portico.cache.Responses.stored;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshnessTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration TWO_TO_THE_31_SECONDS = Duration.ofSeconds(2_147_483_648L);

    @Test
    void sMaxageWinsOverMaxAgeAndExpires() {
        StoredResponse response = stored(200, T, "Cache-Control: max-age=60, s-maxage=10", "Date: " + date(T),
                "Expires: " + date(T.plusSeconds(3600)));

        assertThat(Freshness.lifetime(response)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void maxAgeWinsOverExpires() {
        StoredResponse response = stored(200, T, "Cache-Control: max-age=60", "Date: " + date(T),
                "Expires: " + date(T.plusSeconds(3600)));

        assertThat(Freshness.lifetime(response)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void expiresCountsFromTheDateTheResponseCarries() {
        StoredResponse response = stored(200, T, "Date: " + date(T.minusSeconds(600)),
                "Expires: " + date(T.plusSeconds(3000)));

        assertThat(Freshness.lifetime(response)).isEqualTo(Duration.ofSeconds(3600));
    }

    @Test
    void expiresCountsFromTheArrivalWhenTheResponseHasNoDate() {
        StoredResponse response = stored(200, T, "Expires: " + date(T.plusSeconds(1800)));

        assertThat(Freshness.lifetime(response)).isEqualTo(Duration.ofSeconds(1800));
    }

    @Test
    void expiresBeforeTheDateGivesNoFreshness() {
        StoredResponse response = stored(200, T, "Date: " + date(T), "Expires: " + date(T.minusSeconds(60)));

        assertThat(Freshness.lifetime(response)).isZero();
    }

    @Test
    void invalidExpiresGivesNoFreshnessEvenWithLastModified() {
        StoredResponse response = stored(200, T, "Date: " + date(T), "Expires: 0",
                "Last-Modified: " + date(T.minus(Duration.ofDays(5))));

        assertThat(Freshness.lifetime(response)).isZero();
    }

    @Test
    void invalidMaxAgeGivesNoFreshnessEvenWithExpires() {
        StoredResponse response = stored(200, T, "Cache-Control: max-age=soon", "Date: " + date(T),
                "Expires: " + date(T.plusSeconds(3600)));

        assertThat(Freshness.lifetime(response)).isZero();
    }

    @Test
    void heuristicFreshnessIsATenthOfTheTimeSinceLastModified() {
        StoredResponse response = stored(200, T, "Date: " + date(T),
                "Last-Modified: " + date(T.minusSeconds(5 * 3600)));

        assertThat(Freshness.lifetime(response)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void heuristicFreshnessIsCappedAtOneDay() {
        StoredResponse response = stored(200, T, "Date: " + date(T),
                "Last-Modified: " + date(T.minus(Duration.ofDays(20))));

        assertThat(Freshness.lifetime(response)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void heuristicFreshnessIsGivenToEveryHeuristicallyCacheableStatus() {
        for (int status : List.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501)) {
            StoredResponse response = stored(status, T, "Date: " + date(T),
                    "Last-Modified: " + date(T.minusSeconds(1000)));

            assertThat(Freshness.lifetime(response)).as("status %d", status).isEqualTo(Duration.ofSeconds(100));
        }
    }

    @Test
    void otherStatusesGetNoHeuristicFreshness() {
        for (int status : List.of(201, 302, 303, 307, 400, 403, 500, 502, 503, 504)) {
            StoredResponse response = stored(status, T, "Date: " + date(T),
                    "Last-Modified: " + date(T.minus(Duration.ofDays(20))));

            assertThat(Freshness.lifetime(response)).as("status %d", status).isZero();
        }
    }

    @Test
    void noFreshnessWithoutExpirationOrLastModified() {
        StoredResponse response = stored(200, T, "Date: " + date(T));

        assertThat(Freshness.lifetime(response)).isZero();
    }

    @Test
    void lastModifiedAfterTheDateGivesNoHeuristicFreshness() {
        StoredResponse response = stored(200, T, "Date: " + date(T), "Last-Modified: " + date(T.plusSeconds(600)));

        assertThat(Freshness.lifetime(response)).isZero();
    }

    @Test
    void currentAgeAddsTheResponseDelayToTheAgeHeaderAndThenTheResidentTime() {
        // Sent at T, arrived at T+2 with Date T+1 and Age 10: corrected initial age 10 + 2 beats apparent age 1.
        StoredResponse response = stored(200, T, T.plusSeconds(2), "Date: " + date(T.plusSeconds(1)), "Age: 10");

        Duration age = Freshness.currentAge(response, T.plusSeconds(32));

        assertThat(age).isEqualTo(Duration.ofSeconds(12 + 30));
    }

    @Test
    void currentAgeTakesTheApparentAgeWhenTheDateIsOlder() {
        // Date 100 s before sending: the apparent age 101 beats Age 5 plus the delay of 1.
        StoredResponse response = stored(200, T, T.plusSeconds(1), "Date: " + date(T.minusSeconds(100)), "Age: 5");

        Duration age = Freshness.currentAge(response, T.plusSeconds(11));

        assertThat(age).isEqualTo(Duration.ofSeconds(101 + 10));
    }

    @Test
    void dateFromTheFutureGivesNoNegativeAge() {
        StoredResponse response = stored(200, T, "Date: " + date(T.plusSeconds(3600)));

        Duration age = Freshness.currentAge(response, T.plusSeconds(5));

        assertThat(age).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void responseWithoutDateOrAgeIsAsOldAsItsTimeInTheCache() {
        StoredResponse response = stored(200, T, T.plusSeconds(3));

        Duration age = Freshness.currentAge(response, T.plusSeconds(10));

        assertThat(age).isEqualTo(Duration.ofSeconds(3 + 7));
    }

    @Test
    void invalidAgeMakesTheResponseTheOldestThereIs() {
        for (List<String> ages : List.of(List.of("Age: -5"), List.of("Age: 1.5"), List.of("Age: ten"),
                List.of("Age: 10, 20"), List.of("Age: 10;q=1"), List.of("Age:"), List.of("Age: 10", "Age: 20"))) {
            List<String> lines = new ArrayList<>(ages);
            lines.add("Date: " + date(T));
            StoredResponse response = stored(200, T, lines.toArray(String[]::new));

            Duration age = Freshness.currentAge(response, T);

            assertThat(age).as(ages.toString()).isEqualTo(TWO_TO_THE_31_SECONDS);
        }
    }

    @Test
    void hugeAgeIsTakenAsTwoToThe31Seconds() {
        StoredResponse response = stored(200, T, "Date: " + date(T), "Age: 99999999999999");

        Duration age = Freshness.currentAge(response, T);

        assertThat(age).isEqualTo(TWO_TO_THE_31_SECONDS);
    }

    @Test
    void ageWithLeadingZerosCountsByItsValue() {
        StoredResponse response = stored(200, T, "Date: " + date(T), "Age: 000000000007");

        Duration age = Freshness.currentAge(response, T);

        assertThat(age).isEqualTo(Duration.ofSeconds(7));
    }
}
