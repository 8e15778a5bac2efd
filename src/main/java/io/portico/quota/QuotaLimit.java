package io.portico.quota;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of requests per period, written {@code 100/1m}. The period is a whole number of seconds, since the
 * {@code RateLimit-Policy} header states it so.
 *
 * @param requests how many requests the period allows
 * @param period the period
 */
public record QuotaLimit(long requests, Duration period) implements Serializable {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})/(\\d{1,6})(s|m|h)");

    /** Parses {@code 100/1m}, {@code 10/1s} or {@code 5000/1h}; empty when the text is not such a limit. */
    public static Optional<QuotaLimit> parse(String text) {
        Matcher matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long requests = Long.parseLong(matcher.group(1));
        long amount = Long.parseLong(matcher.group(2));
        Duration period = switch (matcher.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return requests > 0 && amount > 0 ? Optional.of(new QuotaLimit(requests, period)) : Optional.empty();
    }

    /** Returns the time one request takes back from the budget: the period over the number of requests. */
    public long emissionIntervalMicros() {
        long periodMicros = periodMicros();
        return (periodMicros + requests - 1) / requests;
    }

    public long periodMicros() {
        return period.toNanos() / 1000;
    }

    @Override
    public String toString() {
        return requests + "/" + period.toSeconds() + "s";
    }
}
