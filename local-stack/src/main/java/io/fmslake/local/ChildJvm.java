package io.fmslake.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service running as {@code java -jar <jar>} in its own JVM, configured by environment variables only (as under
 * Kubernetes), its stdout and stderr appended to a log file. The child's environment is PATH, HOME, LANG, TMPDIR
 * and the given variables, so nothing of the caller's environment leaks in.
 */
final class ChildJvm {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -Xmx<heap> -jar <jar> <args>}; output goes to {@code log}. */
    static ChildJvm start(String name, Path jar, String heap, Map<String, String> env, Path log, String... args) {
        ProcessBuilder pb = builder(jar, heap, env, args)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Files.createDirectories(log.getParent());
            return new ChildJvm(name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Runs a one-shot command and returns its stdout; its stderr (the logs) is appended to {@code log}. */
    static Result run(Path jar, String heap, Map<String, String> env, Path log, Duration timeout, String... args) {
        Path out = null;
        try {
            Files.createDirectories(log.getParent());
            out = Files.createTempFile(log.getParent(), "out-", ".txt");
            Process p = builder(jar, heap, env, args)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(jar.getFileName() + " " + String.join(" ", args) + " took longer than "
                        + timeout + "; see " + log);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            deleteQuietly(out);
        }
    }

    record Result(int exit, String stdout) {}

    private static ProcessBuilder builder(Path jar, String heap, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> childEnv = pb.environment();
        childEnv.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR"));
        childEnv.putAll(env);
        return pb;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Waits for the exit; the exit status, or -1 if still running after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGTERM, then waits up to {@code grace}; kills it (SIGKILL) if still running. The exit status. */
    int stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return process.exitValue();
        }
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return process.isAlive() ? -1 : process.exitValue();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary file in the logs folder is harmless
            }
        }
    }
}
