package io.portico.quota;

import java.util.Locale;
import java.util.Optional;

/**
 * What a route's budget is counted by, as in {@code portico.route.<id>.quota.key}.
 *
 * @param kind the kind of key
 * @param header the header name when {@code kind} is {@link Kind#HEADER}, else null
 */
public record QuotaKey(Kind kind, String header) {

    /** The kinds of key. */
    public enum Kind {
        /** The authenticated consumer: the API key's consumer or the token's subject. */
        CONSUMER,
        /** The real client address; a forwarded one only from a trusted proxy. */
        IP,
        /** One budget for the whole route. */
        ROUTE,
        /** The value of a request header, matched case-insensitively; the client address when it is absent. */
        HEADER
    }

    private static final String HEADER_PREFIX = "header:";

    /** Parses {@code consumer}, {@code ip}, {@code route} or {@code header:Name}. */
    public static Optional<QuotaKey> parse(String text) {
        if (text.startsWith(HEADER_PREFIX) && text.length() > HEADER_PREFIX.length()) {
            return Optional.of(new QuotaKey(Kind.HEADER, text.substring(HEADER_PREFIX.length())));
        }
        return switch (text) {
            case "consumer", "ip", "route" -> Optional.of(new QuotaKey(Kind.valueOf(text.toUpperCase(Locale.ROOT)),
                    null));
            default -> Optional.empty();
        };
    }
}
