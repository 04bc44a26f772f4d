package io.fmslake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service as a pod runs it: {@code java -Xmx<heap> <image flags> -jar <jar> <args>} in its own JVM, configured by
 * environment variables only, its output in a log file, its collections in a {@code -Xlog:gc} file (the peak heap is
 * read from there: used before a collection, live after it), and the local directory it may write to (its emptyDir)
 * with a disk budget. CPU time comes from {@code /proc/<pid>/stat} while it runs.
 */
final class ServiceJvm {
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final String name;
    private final Process process;
    private final Path log;
    private final Path gcLog;
    private final Path disk;
    private final long diskBudget;
    private final int heapMiB;

    private ServiceJvm(String name, Process process, Path log, Path gcLog, Path disk, long diskBudget, int heapMiB) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
        this.disk = disk;
        this.diskBudget = diskBudget;
        this.heapMiB = heapMiB;
    }

    /**
     * Starts the jar. {@code disk} is the directory the service's settings in {@code env} point its scratch at (its
     * budget: {@code diskBudget}); the JVM's own {@code java.io.tmpdir} (native libraries it unpacks) is a sibling
     * {@code jvm-tmp}, as the manifests give the JVM 128 MiB of the emptyDir beyond the budget. {@code flags} are the
     * image's JVM flags (Dockerfile ENTRYPOINT).
     */
    static ServiceJvm start(
            String name,
            Path jar,
            int heapMiB,
            String flags,
            Map<String, String> env,
            Path disk,
            long diskBudget,
            Path logDir,
            String... args) {
        try {
            Files.createDirectories(disk);
            Path jvmTmp = Files.createDirectories(disk.resolveSibling(name + "-jvm-tmp"));
            Path log = logDir.resolve(name + ".log");
            Path gcLog = logDir.resolve(name + ".gc.log");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heapMiB + "m",
                    "-Xlog:gc:file=" + gcLog,
                    "-XX:+ExitOnOutOfMemoryError",
                    "-Djava.io.tmpdir=" + jvmTmp));
            if (!flags.isBlank()) {
                cmd.addAll(List.of(flags.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-jar", jar.toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG"));
            pb.environment().putAll(env);
            return new ServiceJvm(name, pb.start(), log, gcLog, disk, diskBudget, heapMiB);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    Path disk() {
        return disk;
    }

    long diskBudget() {
        return diskBudget;
    }

    /** User plus system CPU seconds so far, or -1 once it has exited ({@code /proc} no longer has it). */
    double cpuSeconds() {
        return ProcStat.cpuSeconds(process.pid());
    }

    /** Waits for the exit; the exit status. Throws if it is still running after {@code timeout}. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " still running after " + timeout + "; log " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as Kubernetes stops a pod. */
    void terminate() {
        process.destroy();
    }

    /** kill -9 if still running (cleanup). */
    void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** How many collections the GC log holds so far: a mark for {@link #heapSince(int)}. */
    int gcMark() {
        return gcLines().size();
    }

    /** The largest heap used before and live after a collection, MiB, over the collections after {@code mark}. */
    Heap heapSince(int mark) {
        List<long[]> lines = gcLines();
        long before = 0;
        long after = 0;
        for (long[] l : lines.subList(Math.min(mark, lines.size()), lines.size())) {
            before = Math.max(before, l[0]);
            after = Math.max(after, l[1]);
        }
        return new Heap(before, after, lines.size() - Math.min(mark, lines.size()), heapMiB);
    }

    /** Heap figures of one JVM over a step. */
    record Heap(long peakUsedMiB, long liveAfterGcMiB, int collections, int budgetMiB) {}

    private List<long[]> gcLines() {
        List<long[]> out = new ArrayList<>();
        try {
            if (!Files.exists(gcLog)) {
                return out;
            }
            for (String l : Files.readAllLines(gcLog)) {
                Matcher m = GC.matcher(l);
                if (m.find()) {
                    out.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
