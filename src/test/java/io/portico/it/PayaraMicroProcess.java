package io.portico.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Payara Micro started by hand with the project's own options ({@code server-config/payara-micro/*.args}),
 * for tests about deployment itself, which Arquillian cannot observe.
 */
final class PayaraMicroProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private PayaraMicroProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the server in {@code workDir} with the project's WAR, extra JVM options and environment. */
    static PayaraMicroProcess start(Path workDir, int port, List<String> jvmOptions, Map<String, String> env)
            throws IOException {
        return start(workDir, port, jvmOptions, env, false);
    }

    /** Starts a member of a data grid on loopback, with the project's cluster options. */
    static PayaraMicroProcess startClustered(Path workDir, int port, List<String> jvmOptions) throws IOException {
        return start(workDir, port, jvmOptions, Map.of(), true);
    }

    private static PayaraMicroProcess start(Path workDir, int port, List<String> jvmOptions, Map<String, String> env,
            boolean clustered) throws IOException {
        Path config = Path.of(System.getProperty("portico.projectDir"), "server-config", "payara-micro");
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(options(config.resolve("jvm.args")));
        if (clustered) {
            command.addAll(options(config.resolve("cluster-jvm.args")));
        }
        command.add("-Djava.io.tmpdir=" + workDir);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"), "--deploy",
                System.getProperty("portico.war"), "--port", String.valueOf(port)));
        List<String> microOptions = new ArrayList<>(options(config.resolve("micro.args")));
        if (clustered) {
            microOptions.remove("--nohazelcast");
            microOptions.addAll(options(config.resolve("cluster.args")));
        }
        command.addAll(microOptions);
        Path project = config.getParent().getParent();
        Path log = workDir.resolve("payara.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new PayaraMicroProcess(builder.start(), log);
    }

    /** Returns the options of an options file, one a line, skipping comments and blank lines. */
    static List<String> options(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** Waits until the server says it is ready, failing if it exits or takes longer than {@code limit}. */
    void awaitReady(Duration limit) throws IOException, InterruptedException {
        awaitLog("ready in", limit);
    }

    /** Waits until the log holds {@code text}, failing if the server exits or takes longer than {@code limit}. */
    void awaitLog(String text, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!log().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("Payara Micro exited with " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Payara Micro logged no '" + text + "' within " + limit + ":\n" + log());
            }
            Thread.sleep(200);
        }
    }

    /**
     * Sends the server SIGTERM, as an operator's stop or a container runtime does, and returns without waiting: the
     * answer completes with the exit value once the process has ended.
     */
    java.util.concurrent.CompletableFuture<Integer> terminate() {
        process.destroy();
        return process.onExit().thenApply(Process::exitValue);
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
