package io.portico.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Computes {@code Forwarded} (RFC 7239) and the {@code X-Forwarded-For/-Proto/-Host} headers sent upstream.
 * A trusted peer's values are extended; anyone else's are replaced, so a client cannot forge its origin.
 */
public final class ForwardingHeaders {

    public static final String FORWARDED = "Forwarded";
    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    public static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    public static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    /** Lower-case names of the headers this class owns; client copies of them are never passed on as they are. */
    public static final Set<String> NAMES = Set.of("forwarded", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host");

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /**
     * What the gateway knows of one client request.
     *
     * @param peer the address of the connected peer
     * @param proto the scheme the gateway was reached with
     * @param host the {@code Host} the client sent
     * @param listenerAddress the gateway's own address the client connected to
     * @param listenerPort the gateway's own port the client connected to
     * @param forwarded the {@code Forwarded} values the client sent
     * @param forwardedFor the {@code X-Forwarded-For} values the client sent
     * @param forwardedProto the {@code X-Forwarded-Proto} value the client sent, or null
     * @param forwardedHost the {@code X-Forwarded-Host} value the client sent, or null
     */
    public record Inbound(String peer, String proto, String host, String listenerAddress, int listenerPort,
            List<String> forwarded,
            List<String> forwardedFor, String forwardedProto, String forwardedHost) {
    }

    private final TrustedProxies trustedProxies;

    public ForwardingHeaders(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** Returns the four headers to send upstream, by name. */
    public Map<String, String> compute(Inbound inbound) {
        boolean trusted = trustedProxies.trusts(inbound.peer());
        String by = bracketed(inbound.listenerAddress()) + ":" + inbound.listenerPort();
        String element = "for=" + value(bracketed(inbound.peer())) + ";by=" + value(by)
                + ";host=" + value(inbound.host()) + ";proto=" + inbound.proto();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(FORWARDED, trusted ? append(inbound.forwarded(), element) : element);
        headers.put(X_FORWARDED_FOR, trusted ? append(inbound.forwardedFor(), inbound.peer()) : inbound.peer());
        headers.put(X_FORWARDED_PROTO, trusted && inbound.forwardedProto() != null
                ? inbound.forwardedProto() : inbound.proto());
        headers.put(X_FORWARDED_HOST, trusted && inbound.forwardedHost() != null
                ? inbound.forwardedHost() : inbound.host());
        return headers;
    }

    /**
     * Returns the real client address: the peer, or when the peer is a trusted proxy, the nearest address in
     * {@code forwardedFor} that is not one (a client can write anything to the left of it).
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (!trustedProxies.trusts(peer)) {
            return peer;
        }
        List<String> hops = forwardedFor.stream().flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::strip).filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trustedProxies.trusts(hops.get(i)) || i == 0) {
                return hops.get(i);
            }
        }
        return peer;
    }

    private static String append(List<String> existing, String value) {
        return existing.isEmpty() ? value : String.join(", ", existing) + ", " + value;
    }

    /** Returns an address with IPv6 literals in brackets, as RFC 7239 nodes write them. */
    private static String bracketed(String address) {
        return address.indexOf(':') >= 0 && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    private static String value(String text) {
        if (TOKEN.matcher(text).matches()) {
            return text;
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
