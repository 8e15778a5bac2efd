package io.portico.cache;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/** Parses and writes HTTP dates (RFC 9110 section 5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime. */
public final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    private HttpDates() {
    }

    /** Returns the instant {@code text} names, or empty when it is no HTTP date. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        return parse(value, IMF_FIXDATE)
                .or(() -> parse(value, rfc850(Year.now(ZoneOffset.UTC).getValue())))
                .or(() -> parse(value, ASCTIME));
    }

    /** Returns {@code instant} as an IMF-fixdate. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    private static Optional<Instant> parse(String value, DateTimeFormatter format) {
        try {
            return Optional.of(LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns the RFC 850 format for {@code currentYear}: a two-digit year more than 50 years ahead is the most
     * recent past year with those digits (RFC 9110 section 5.6.7), so the century is found from the current year.
     */
    private static DateTimeFormatter rfc850(int currentYear) {
        return new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, currentYear - 49)
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.ENGLISH);
    }
}
