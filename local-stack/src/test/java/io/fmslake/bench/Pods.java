package io.fmslake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the services as their Kubernetes workloads run them, one JVM per pod, with the image's JVM flags (the
 * Dockerfiles' ENTRYPOINT without {@code MaxRAMPercentage}; {@code -Xmx} instead): the backfill's Indexed Job
 * ({@code BACKFILL_SHARDS}, {@code JOB_COMPLETION_INDEX}), the collector's replicas, the merger's catch-up Indexed Job
 * per level ({@code MERGE_SHARDS}) and {@code verify}. Each pod gets its own directory as its emptyDir.
 */
final class Pods {
    static final String BACKFILL_FLAGS =
            "-XX:+UseParallelGC -XX:CompileThresholdScaling=3 -XX:MaxInlineLevel=9 " + "-XX:InlineSmallCode=1000";
    static final String COLLECTOR_FLAGS = "-XX:+UseParallelGC";
    static final String MERGER_FLAGS = "";
    private static final Pattern MERGED = Pattern.compile("^merged \\S+: \\d+ files, (\\d+) rows", Pattern.MULTILINE);

    private final Path repo;
    private final Path work;
    private final ScaleArgs a;
    private final Map<String, Map<String, String>> envByRole;
    private int nextPort;

    /** {@code envByRole}: the lake's variables per kind of service (each with its own counting S3 endpoint). */
    Pods(Path repo, Path work, ScaleArgs a, Map<String, Map<String, String>> envByRole, int firstPort) {
        this.repo = repo;
        this.work = work;
        this.a = a;
        this.envByRole = envByRole;
        this.nextPort = firstPort;
    }

    List<ServiceJvm> backfill(StepMeter meter) {
        List<ServiceJvm> pods = new ArrayList<>();
        for (int i = 0; i < a.pods(); i++) {
            Path disk = work.resolve("backfill-" + i).resolve("spill");
            Map<String, String> env = env("backfill");
            env.put("BACKFILL_SHARDS", Integer.toString(a.pods()));
            env.put("JOB_COMPLETION_INDEX", Integer.toString(i));
            env.put("BACKFILL_SPILL_DIR", disk.toString());
            env.put("BACKFILL_CHUNK_RECORDS", Long.toString(a.chunkRecords()));
            env.put("HANDOVER_WAIT", "PT30M");
            pods.add(meter.watch(ServiceJvm.start(
                    "backfill-" + i,
                    jar("backfill-loader"),
                    a.backfillHeap(),
                    BACKFILL_FLAGS,
                    env,
                    disk,
                    a.backfillDiskBudget(),
                    work)));
        }
        return pods;
    }

    List<ServiceJvm> collectors(StepMeter meter) {
        List<ServiceJvm> replicas = new ArrayList<>();
        for (int i = 0; i < a.replicas(); i++) {
            Map<String, String> env = env("collector");
            env.put("HTTP_PORT", Integer.toString(nextPort++));
            env.put("BUFFER_MAX_BYTES", Long.toString(a.bufferBytes()));
            env.put("LATE_FLUSH_INTERVAL", "PT5S");
            replicas.add(meter.watch(ServiceJvm.start(
                    "collector-" + i,
                    jar("realtime-collector"),
                    a.collectorHeap(),
                    COLLECTOR_FLAGS,
                    env,
                    work.resolve("collector-" + i).resolve("tmp"),
                    ScaleArgs.COLLECTOR_DISK,
                    work)));
        }
        return replicas;
    }

    /** The catch-up Indexed Job of {@code level}: {@code mergeShards} pods at once, {@code --now now}. */
    List<ServiceJvm> merge(String name, String level, Instant now, StepMeter meter) {
        List<ServiceJvm> pods = new ArrayList<>();
        for (int i = 0; i < a.mergeShards(); i++) {
            Path disk = work.resolve(name + "-" + i).resolve("scratch");
            Map<String, String> env = env("merger");
            env.put("MERGE_SHARDS", Integer.toString(a.mergeShards()));
            env.put("JOB_COMPLETION_INDEX", Integer.toString(i));
            env.put("MERGE_TMP_DIR", disk.toString());
            pods.add(meter.watch(ServiceJvm.start(
                    name + "-" + i,
                    jar("batch-merger"),
                    a.mergerHeap(),
                    MERGER_FLAGS,
                    env,
                    disk,
                    a.scratchBytes(),
                    work,
                    level,
                    "--now",
                    now.toString())));
        }
        return pods;
    }

    ServiceJvm verify(StepMeter meter) {
        Map<String, String> env = env("merger");
        env.put("MERGE_TMP_DIR", work.resolve("verify").toString());
        return meter.watch(ServiceJvm.start(
                "verify",
                jar("batch-merger"),
                a.mergerHeap(),
                MERGER_FLAGS,
                env,
                work.resolve("verify"),
                a.scratchBytes(),
                work,
                "verify"));
    }

    /** Waits for every pod; throws naming the first that failed. */
    static void awaitSuccess(List<ServiceJvm> pods, Duration timeout) {
        for (ServiceJvm p : pods) {
            int exit = p.awaitExit(timeout);
            if (exit != 0) {
                throw new IllegalStateException(p.name() + " exited with " + exit + "; log " + p.log());
            }
        }
    }

    /** Rows the merger pods report as merged ("merged <key>: n files, r rows, ..."). */
    static long mergedRows(List<ServiceJvm> pods) {
        long rows = 0;
        for (ServiceJvm p : pods) {
            try {
                Matcher m = MERGED.matcher(Files.readString(p.log()));
                while (m.find()) {
                    rows += Long.parseLong(m.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rows;
    }

    private Map<String, String> env(String role) {
        return new LinkedHashMap<>(envByRole.get(role));
    }

    private Path jar(String module) {
        Path jar = repo.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the jars first (mvn -o -q -B package -DskipTests): " + jar);
        }
        return jar;
    }
}
