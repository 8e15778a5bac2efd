package io.portico.cache;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parses and writes HTTP dates (RFC 9110 section 5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime. */
public final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.ENGLISH);
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
        for (DateTimeFormatter format : List.of(IMF_FIXDATE, RFC_850, ASCTIME)) {
            try {
                if (format == IMF_FIXDATE) {
                    return Optional.of(ZonedDateTime.parse(value, format).toInstant());
                }
                return Optional.of(LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return Optional.empty();
    }

    /** Returns {@code instant} as an IMF-fixdate. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }
}
