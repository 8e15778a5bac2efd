package io.portico.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** How long a stored response stays fresh and how old it is, as a shared cache reckons (RFC 9111 section 4.2). */
public final class Freshness {

    /** RFC 9111 section 4.2.2: statuses a cache may give heuristic freshness to. */
    static final Set<Integer> HEURISTICALLY_CACHEABLE = Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410,
            414, 501);

    /** The usual heuristic, a tenth of the time since the last modification, capped at a day. */
    private static final Duration HEURISTIC_CAP = Duration.ofDays(1);

    private Freshness() {
    }

    /** Returns the freshness lifetime: s-maxage, else max-age, else Expires - Date, else a heuristic, else 0. */
    public static Duration lifetime(StoredResponse response) {
        CacheControl control = response.cacheControl();
        OptionalLong shared = control.seconds("s-maxage");
        if (shared.isPresent()) {
            return Duration.ofSeconds(shared.getAsLong());
        }
        OptionalLong maxAge = control.seconds("max-age");
        if (maxAge.isPresent()) {
            return Duration.ofSeconds(maxAge.getAsLong());
        }
        List<String> expires = response.values("Expires");
        if (!expires.isEmpty()) {
            Optional<Instant> at = HttpDates.parse(expires.get(0));
            return at.map(instant -> positive(Duration.between(date(response), instant))).orElse(Duration.ZERO);
        }
        return heuristic(response, control);
    }

    /** Returns whether the response states its own freshness, so that a cache needs no heuristic. */
    public static boolean explicit(CacheControl control, List<String> expires) {
        return control.has("s-maxage") || control.has("max-age") || !expires.isEmpty();
    }

    private static Duration heuristic(StoredResponse response, CacheControl control) {
        boolean allowed = HEURISTICALLY_CACHEABLE.contains(response.status()) || control.has("public");
        Optional<Instant> lastModified = HttpDates.parse(response.first("Last-Modified"));
        if (!allowed || lastModified.isEmpty()) {
            return Duration.ZERO;
        }
        Duration sinceModified = positive(Duration.between(lastModified.get(), date(response)));
        Duration tenth = sinceModified.dividedBy(10);
        return tenth.compareTo(HEURISTIC_CAP) > 0 ? HEURISTIC_CAP : tenth;
    }

    /** Returns the current age (RFC 9111 section 4.2.3). */
    public static Duration currentAge(StoredResponse response, Instant now) {
        Duration apparentAge = positive(Duration.between(date(response), response.responseTime()));
        Duration responseDelay = positive(Duration.between(response.requestTime(), response.responseTime()));
        Duration correctedAgeValue = ageValue(response).plus(responseDelay);
        Duration correctedInitialAge = apparentAge.compareTo(correctedAgeValue) > 0 ? apparentAge : correctedAgeValue;
        Duration residentTime = positive(Duration.between(response.responseTime(), now));
        return correctedInitialAge.plus(residentTime);
    }

    /**
     * Returns the {@code Age} the response came with. Anything but one line of digits (a list, a sign, a fraction,
     * a parameter) says the response cannot be trusted to be young: it counts as the oldest age there is.
     */
    static Duration ageValue(StoredResponse response) {
        List<String> ages = response.values("Age");
        if (ages.isEmpty()) {
            return Duration.ZERO;
        }
        String age = ages.get(0).strip();
        if (ages.size() > 1 || age.isEmpty() || !age.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(CacheControl.MAX_DELTA_SECONDS);
        }
        return Duration.ofSeconds(CacheControl.deltaSeconds(age));
    }

    /** Returns the response's Date, or when it has none (or a bad one), the time it arrived. */
    static Instant date(StoredResponse response) {
        return HttpDates.parse(response.first("Date")).orElse(response.responseTime());
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
