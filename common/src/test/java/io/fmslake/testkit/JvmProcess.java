package io.fmslake.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main class running in a separate JVM with the test classpath, for crash and restart tests. Its stdout and
 * stderr go to a log file. The child's environment holds only PATH, HOME, LANG, TMPDIR and what {@link Builder#env}
 * adds, so variables of the test JVM never leak in.
 *
 * <pre>{@code
 * try (JvmProcess p = JvmProcess.of("io.fmslake.collector.Main").env(env).start()) {
 *     assertTrue(p.awaitOutput("started", Duration.ofSeconds(30)));
 *     p.kill();                      // kill -9
 * }
 * }</pre>
 */
public final class JvmProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String name;

    private JvmProcess(Process process, Path log, String name) {
        this.process = process;
        this.log = log;
        this.name = name;
    }

    public static Builder of(String mainClass) {
        return new Builder(mainClass);
    }

    public static Builder of(Class<?> mainClass) {
        return new Builder(mainClass.getName());
    }

    /** A runnable jar ({@code java -jar}), as the services' images run it; fails if the jar is not built. */
    public static Builder ofJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build its module first "
                    + "(mvn verify builds the services' jars before the modules whose tests run them)");
        }
        return new Builder(jar);
    }

    /** Builds the command line; {@link #start()} launches it. */
    public static final class Builder {
        private final String mainClass;
        private final Path jar;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        private Path log;

        private Builder(String mainClass) {
            this.mainClass = mainClass;
            this.jar = null;
        }

        private Builder(Path jar) {
            this.mainClass = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            this.jar = jar.toAbsolutePath();
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        /** Extra JVM options, after the defaults ({@code -Xmx512m -XX:+UseSerialGC}), so they win. */
        public Builder jvmArgs(String... values) {
            jvmArgs.addAll(List.of(values));
            return this;
        }

        /** Where stdout and stderr go; default a temp file. Appended to, so restarts can share one log. */
        public Builder log(Path file) {
            this.log = file;
            return this;
        }

        public JvmProcess start() {
            try {
                Path out = log != null ? log : Files.createTempFile(simpleName(mainClass) + "-", ".log");
                List<String> command = new ArrayList<>();
                command.add(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvmArgs);
                if (jar != null) {
                    command.add("-jar");
                    command.add(jar.toString());
                } else {
                    command.add("-cp");
                    command.add(System.getProperty("java.class.path"));
                    command.add(mainClass);
                }
                command.addAll(args);
                ProcessBuilder pb = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
                Map<String, String> childEnv = pb.environment();
                Map<String, String> keep = new LinkedHashMap<>();
                for (String k : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
                    if (childEnv.containsKey(k)) {
                        keep.put(k, childEnv.get(k));
                    }
                }
                childEnv.clear();
                childEnv.putAll(keep);
                childEnv.putAll(env);
                return new JvmProcess(pb.start(), out, simpleName(mainClass));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + mainClass, e);
            }
        }

        private static String simpleName(String className) {
            return className.substring(className.lastIndexOf('.') + 1);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the output contains {@code text}; false on timeout or if the process exits without it. */
    public boolean awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            sleep(100);
        }
        return false;
    }

    /** Waits for the exit and returns the exit code; throws {@link AssertionError} if still running. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " (pid " + pid() + ") still running after " + timeout + "; log " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kill -9: the process dies at once, without shutdown hooks. Returns when it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: shutdown hooks run. Does not wait; follow with {@link #awaitExit(Duration)}. */
    public void terminate() {
        process.destroy();
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
