package io.portico.dispatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The peers whose forwarding headers are believed: addresses or CIDR blocks, IPv4 or IPv6. Parsing never
 * resolves a name. Immutable and thread-safe.
 */
public final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** One block: the first {@code prefixBits} bits of {@code network}. */
    private record Block(byte[] network, int prefixBits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** Parses entries such as {@code 10.0.0.0/8}, {@code 127.0.0.1} or {@code ::1}, or throws naming the entry. */
    public static TrustedProxies parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            blocks.add(block(entry).orElseThrow(() -> new IllegalArgumentException(entry)));
        }
        return new TrustedProxies(blocks);
    }

    private static Optional<Block> block(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        Optional<byte[]> bytes = literal(address);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        int maxBits = bytes.get().length * 8;
        try {
            int bits = slash < 0 ? maxBits : Integer.parseInt(entry.substring(slash + 1));
            return bits >= 0 && bits <= maxBits ? Optional.of(new Block(bytes.get(), bits)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns the bytes of an IP address literal; names are refused so that nothing is ever resolved. */
    static Optional<byte[]> literal(String address) {
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        boolean ipv4 = IPV4.matcher(bare).matches() && octetsInRange(bare);
        if (!ipv4 && !IPV6.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Checks each octet, since the JDK resolves an out-of-range dotted quad such as 999.1.1.1 as a name. */
    private static boolean octetsInRange(String dotted) {
        for (String octet : dotted.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether the peer with address literal {@code peer} is trusted. */
    public boolean trusts(String peer) {
        if (blocks.isEmpty()) {
            return false;
        }
        Optional<byte[]> address = literal(peer);
        return address.isPresent() && blocks.stream().anyMatch(block -> block.contains(address.get()));
    }
}
