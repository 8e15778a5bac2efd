package io.portico.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads typed values from {@link Settings} and collects every violation, so that one deployment failure lists
 * all bad keys at once. Not thread-safe; used once at deployment.
 */
public final class ConfigReader {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})(B|KiB|MiB|GiB)?");

    /** The longest duration any key takes: a year, far from overflowing nanosecond arithmetic. */
    private static final Duration LONGEST_DURATION = Duration.ofDays(366);

    private final Settings settings;
    private final List<String> problems = new ArrayList<>();

    public ConfigReader(Settings settings) {
        this.settings = settings;
    }

    public Set<String> names() {
        return settings.names();
    }

    /** See {@link Settings#onlyInEnvironment}. */
    public boolean onlyInEnvironment(String name) {
        return settings.onlyInEnvironment(name);
    }

    public Optional<String> optional(String key) {
        return settings.get(key);
    }

    /** Returns the value of a required key, or an empty string after recording that it is missing. */
    public String required(String key) {
        Optional<String> value = settings.get(key);
        if (value.isEmpty()) {
            problems.add(key + ": is required and missing");
        }
        return value.orElse("");
    }

    /** Returns the comma-separated items of {@code key}, trimmed, without empty items. */
    public List<String> list(String key, String defaultText) {
        String text = settings.get(key).orElse(defaultText);
        return Arrays.stream(text.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** Returns a duration longer than zero, written as digits and one unit: ms, s, m or h. */
    public Duration duration(String key, String defaultText) {
        String text = settings.get(key).orElse(defaultText);
        Matcher matcher = DURATION.matcher(text);
        long amount = matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
        if (amount == 0) {
            reject(key, "must be a duration longer than zero such as 500ms, 2s, 1m or 1h", text);
            return Duration.ofSeconds(1);
        }
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.compareTo(LONGEST_DURATION) > 0) {
            reject(key, "must be a duration of at most " + LONGEST_DURATION.toHours() + "h", text);
            return LONGEST_DURATION;
        }
        return duration;
    }

    /** Returns a byte count written as digits with an optional unit B, KiB, MiB or GiB. */
    public long size(String key, String defaultText) {
        String text = settings.get(key).orElse(defaultText);
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            reject(key, "must be a size such as 512B, 8KiB or 10MiB", text);
            return 0;
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        int shift = switch (unit) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        if (amount > Long.MAX_VALUE >> shift) {
            reject(key, "must be a size of at most " + Long.MAX_VALUE + " bytes", text);
            return 0;
        }
        return amount << shift;
    }

    public int nonNegativeInt(String key, String defaultText) {
        return intAtLeast(key, defaultText, 0);
    }

    public int positiveInt(String key, String defaultText) {
        return intAtLeast(key, defaultText, 1);
    }

    private int intAtLeast(String key, String defaultText, int least) {
        String text = settings.get(key).orElse(defaultText);
        try {
            int value = Integer.parseInt(text);
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reject(key, "must be a whole number, " + least + " or more", text);
        return least;
    }

    /** Returns the value of {@code key}, which must be one of {@code allowed}; the default after a rejection. */
    public String choice(String key, String defaultText, String... allowed) {
        String text = settings.get(key).orElse(defaultText);
        if (!java.util.List.of(allowed).contains(text)) {
            reject(key, "must be " + String.join(" or ", allowed), text);
            return defaultText;
        }
        return text;
    }

    /** Returns {@code true} or {@code false}, written exactly so. */
    public boolean bool(String key, String defaultText) {
        String text = settings.get(key).orElse(defaultText);
        if (!text.equals("true") && !text.equals("false")) {
            reject(key, "must be true or false", text);
        }
        return text.equals("true");
    }

    /** Returns the compiled regular expression of {@code key}, matched case-sensitively unless told. */
    public Optional<Pattern> regex(String key, boolean ignoreCase) {
        Optional<String> text = settings.get(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(text.get(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
        } catch (PatternSyntaxException e) {
            reject(key, "must be a valid regular expression (" + e.getDescription() + ")", text.get());
            return Optional.empty();
        }
    }

    /** Records that {@code value} of {@code key} breaks {@code rule}. */
    public void reject(String key, String rule, String value) {
        problems.add(key + ": " + rule + "; was '" + value + "'");
    }

    /** Records a problem that concerns more than one key. */
    public void problem(String message) {
        problems.add(message);
    }

    /** Throws a {@link ConfigurationException} listing every problem recorded so far, if any. */
    public void failIfInvalid() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }
}
