package io.portico.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream on loopback that accepts every connection and never answers: it holds the socket open, reading
 * nothing, so the gateway's read timeout is what ends each attempt; or, {@linkplain #dropping dropping}, it closes
 * each connection a while after accepting it, a broken connection to the gateway. Counts the connections it
 * accepted.
 */
final class SilentUpstream implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    /** How long a connection stays open without an answer, or null for as long as the upstream runs. */
    private final Duration dropAfter;
    private final ScheduledExecutorService dropper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "silent-upstream-dropper");
        thread.setDaemon(true);
        return thread;
    });

    private SilentUpstream(ServerSocket listener, Duration dropAfter) {
        this.listener = listener;
        this.dropAfter = dropAfter;
    }

    /** Starts listening on a free loopback port, holding every connection. */
    static SilentUpstream start() throws IOException {
        return start(null);
    }

    /** Starts listening on a free loopback port, closing every connection {@code after} it was accepted. */
    static SilentUpstream dropping(Duration after) throws IOException {
        return start(after);
    }

    private static SilentUpstream start(Duration dropAfter) throws IOException {
        SilentUpstream upstream = new SilentUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                dropAfter);
        Thread acceptor = new Thread(upstream::accept, "silent-upstream-" + upstream.port());
        acceptor.setDaemon(true);
        acceptor.start();
        return upstream;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                held.add(socket);
                accepted.incrementAndGet();
                if (dropAfter != null) {
                    dropper.schedule(() -> drop(socket), dropAfter.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void drop(Socket socket) {
        held.remove(socket);
        try {
            socket.close();
        } catch (IOException alreadyClosed) {
            // Nothing left to drop.
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Returns how many connections were accepted so far. */
    int accepted() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        dropper.shutdownNow();
        listener.close();
        for (Socket socket : held) {
            socket.close();
        }
    }
}
