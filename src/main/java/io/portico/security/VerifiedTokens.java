package io.portico.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature and claims were verified lately, so that a client presenting the same token again is not
 * verified again (as Envoy's JWT cache does). An entry stands for at most {@link #RECHECK_AFTER}: that bounds how
 * long a token keeps passing after its signing key left the issuer's key set. Holds at most {@link #CAPACITY}
 * tokens; when full, tokens past their time are swept out at most once a second, and new tokens are verified
 * each time until there is room. Thread-safe.
 */
final class VerifiedTokens {

    /** Tokens can be as long as the header limit allows: 4096 of 8 KiB would hold 32 MiB of heap at most. */
    static final int CAPACITY = 4096;
    static final Duration RECHECK_AFTER = Duration.ofMinutes(1);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    /** A verified token: its claims, when it expires, and when its signature is to be checked again. */
    record Entry(TokenClaims claims, Instant expiresAt, Instant recheckAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    /** Returns the entry of {@code token} when it was verified less than {@link #RECHECK_AFTER} before now. */
    Entry get(String token, Instant now) {
        Entry entry = entries.get(token);
        if (entry == null || stale(entry, now)) {
            return null;
        }
        return entry;
    }

    /** Remembers that {@code token} was verified at {@code now}, when there is room. */
    void put(String token, TokenClaims claims, Instant expiresAt, Instant now) {
        if (entries.size() >= CAPACITY && now.isAfter(nextSweep)) {
            nextSweep = now.plus(SWEEP_INTERVAL);
            entries.values().removeIf(entry -> stale(entry, now));
        }
        if (entries.size() < CAPACITY) {
            entries.put(token, new Entry(claims, expiresAt, now.plus(RECHECK_AFTER)));
        }
    }

    int size() {
        return entries.size();
    }

    private static boolean stale(Entry entry, Instant now) {
        return !now.isBefore(entry.recheckAt());
    }
}
