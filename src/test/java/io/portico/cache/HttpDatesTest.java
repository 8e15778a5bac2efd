package io.portico.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

    private static final Instant NOVEMBER_6_1994 = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void imfFixdateIsParsed() {
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).hasValue(NOVEMBER_6_1994);
    }

    @Test
    void obsoleteRfc850DateOfTheLastCenturyIsParsed() {
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).hasValue(NOVEMBER_6_1994);
    }

    @Test
    void obsoleteRfc850DateOfThisCenturyIsParsed() {
        assertThat(HttpDates.parse("Thursday, 06-Nov-25 08:49:37 GMT")).hasValue(Instant.parse("2025-11-06T08:49:37Z"));
    }

    @Test
    void rfc850YearMoreThanFiftyYearsAheadIsTheLatestPastYearWithThoseDigits() {
        int thisYear = Year.now(ZoneOffset.UTC).getValue();
        LocalDate fiftyAhead = LocalDate.of(thisYear + 50, 11, 6);
        LocalDate fortyNineAgo = LocalDate.of(thisYear - 49, 11, 6);

        var inFiftyYears = HttpDates.parse(rfc850(fiftyAhead));
        var fiftyOneAheadMeansFortyNineAgo = HttpDates.parse(rfc850(fortyNineAgo));

        assertThat(inFiftyYears).hasValue(fiftyAhead.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC));
        assertThat(fiftyOneAheadMeansFortyNineAgo)
                .hasValue(fortyNineAgo.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC));
    }

    @Test
    void asctimeDateIsParsedWithASpacePaddedOrATwoDigitDay() {
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).hasValue(NOVEMBER_6_1994);
        assertThat(HttpDates.parse("Thu Nov 13 08:49:37 2025")).hasValue(Instant.parse("2025-11-13T08:49:37Z"));
    }

    @Test
    void blanksAroundADateAreIgnored() {
        assertThat(HttpDates.parse("  Sun, 06 Nov 1994 08:49:37 GMT \t")).hasValue(NOVEMBER_6_1994);
    }

    @Test
    void garbageIsNoDate() {
        for (String garbage : Arrays.asList(null, "", "0", "-1", "yesterday", "Sun, 06 Nov 1994",
                "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
                "1994-11-06T08:49:37Z", "Sun, 06 Nov 1994 08:49:37 GMT trailing")) {
            assertThat(HttpDates.parse(garbage)).as(String.valueOf(garbage)).isEmpty();
        }
    }

    @Test
    void formatWritesAnImfFixdate() {
        String written = HttpDates.format(NOVEMBER_6_1994);

        assertThat(written).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDates.parse(written)).hasValue(NOVEMBER_6_1994);
    }

    private static String rfc850(LocalDate date) {
        return DateTimeFormatter.ofPattern("EEEE, dd-MMM-", Locale.ENGLISH).format(date)
                + String.format("%02d", date.getYear() % 100) + " 12:00:00 GMT";
    }
}
