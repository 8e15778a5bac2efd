package io.portico.dispatch;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hop-by-hop headers of one message (RFC 9110 section 7.6.1): the fixed list plus every header the message
 * names in {@code Connection}. They describe a single connection and are never forwarded.
 */
public final class HopByHop {

    private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private final Set<String> named;

    private HopByHop(Set<String> named) {
        this.named = named;
    }

    /** Builds the set for a message whose {@code Connection} header has {@code connectionValues}. */
    public static HopByHop of(Iterable<String> connectionValues) {
        Set<String> named = new TreeSet<>();
        for (String value : connectionValues) {
            for (String token : value.split(",")) {
                String name = token.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    named.add(name);
                }
            }
        }
        return new HopByHop(named);
    }

    /** Returns whether header {@code name} must not cross the gateway. */
    public boolean contains(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ALWAYS.contains(lower) || named.contains(lower);
    }
}
