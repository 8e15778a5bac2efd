package io.portico.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists the TCP and UDP sockets a Linux process holds, read from {@code /proc}, so a test can prove that a
 * server binds and talks to loopback addresses only.
 */
final class LoopbackSockets {

    /** One socket: the table it came from, its local and remote address in /proc's hex form, and its state. */
    record Socket(String table, String local, String remote, String state) {

        boolean listening() {
            return table.startsWith("tcp") && state.equals("0A");
        }

        boolean onLoopbackOnly() {
            return isLoopbackOrAny(local) && isLoopbackOrAny(remote) && !isAny(local);
        }
    }

    private LoopbackSockets() {
    }

    /** Returns every socket of process {@code pid}. */
    static List<Socket> of(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.strip().split("\\s+");
                if (inodes.contains(fields[9])) {
                    sockets.add(new Socket(table, fields[1], fields[2], fields[3]));
                }
            }
        }
        return sockets;
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor closed between listing and reading: it holds no socket any more.
                }
            }
        }
        return inodes;
    }

    /** Returns whether a /proc address (hex address, colon, hex port) is loopback or the unbound all-zero one. */
    static boolean isLoopbackOrAny(String procAddress) {
        String address = procAddress.substring(0, procAddress.indexOf(':'));
        if (address.length() == 8) {
            // IPv4 in little-endian byte order: 0100007F is 127.0.0.1; the last pair is the first octet.
            return address.endsWith("7F") || isAny(procAddress);
        }
        boolean loopback6 = address.equals("00000000000000000000000001000000");
        boolean mapped4 = address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F");
        return loopback6 || mapped4 || isAny(procAddress);
    }

    private static boolean isAny(String procAddress) {
        return procAddress.substring(0, procAddress.indexOf(':')).chars().allMatch(c -> c == '0');
    }
}
