package io.portico.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Client threads that send GETs to one target, each the moment its previous answer is complete, and record every
 * answer: when it was sent and completed, its status and which {@link EchoBackend} served it. Either a fixed number
 * of requests ({@link #send}) or as many as fit until {@link #stop()}.
 */
final class Traffic {

    /**
     * One exchange: start and end on {@link System#nanoTime()}, the status (-1 when no answer came), the port the
     * {@link EchoBackend#PORT_HEADER} named (0 when none did) and, when no answer came, why.
     */
    record Result(long startNanos, long endNanos, int status, int port, String failure) {

        boolean ok() {
            return status == 200;
        }

        @Override
        public String toString() {
            return (failure == null ? String.valueOf(status) : failure) + " from port " + port + " after "
                    + TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos) + " ms";
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final URI target;
    /** Requests still to send, or null for as many as fit until stopped. */
    private final AtomicInteger budget;

    private Traffic(URI target, AtomicInteger budget) {
        this.target = target;
        this.budget = budget;
    }

    /** Starts {@code threads} clients that send until {@link #stop()}. */
    static Traffic start(URI target, int threads) {
        Traffic traffic = new Traffic(target, null);
        traffic.launch(threads);
        return traffic;
    }

    /** Sends exactly {@code total} requests from {@code threads} clients and returns their results. */
    static List<Result> send(URI target, int threads, int total) throws InterruptedException {
        Traffic traffic = new Traffic(target, new AtomicInteger(total));
        traffic.launch(threads);
        for (Thread thread : traffic.threads) {
            thread.join(TimeUnit.SECONDS.toMillis(120));
        }
        return traffic.stop();
    }

    private void launch(int count) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::run, "traffic-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void run() {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT).build();
        while (!stopping.get() && (budget == null || budget.getAndDecrement() > 0)) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
                int port = response.headers().firstValue(EchoBackend.PORT_HEADER).map(Integer::parseInt).orElse(0);
                results.add(new Result(start, System.nanoTime(), response.statusCode(), port, null));
            } catch (IOException e) {
                results.add(new Result(start, System.nanoTime(), -1, 0, e.toString()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Returns the results so far, in the order the requests were sent. */
    List<Result> results() {
        return results.stream().sorted(Comparator.comparingLong(Result::startNanos)).toList();
    }

    /** Stops sending, waits for the answers in flight and returns every result, in the order sent. */
    List<Result> stop() throws InterruptedException {
        stopping.set(true);
        for (Thread thread : threads) {
            thread.join(REQUEST_TIMEOUT.toMillis() + 5000);
        }
        return results();
    }

    /** Counts {@code results} by the port that served them. */
    static Map<Integer, Long> byPort(List<Result> results) {
        return results.stream().collect(Collectors.groupingBy(Result::port, TreeMap::new, Collectors.counting()));
    }

    /** Returns the results that {@code test} selects. */
    static List<Result> where(List<Result> results, Predicate<Result> test) {
        return results.stream().filter(test).toList();
    }
}
