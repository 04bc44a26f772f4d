package io.fmslake.backfill.bench;

import io.fmslake.config.LakeSettings;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.LakeEnv;
import io.fmslake.testkit.TempDirs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Backfill benchmark, not a test. Fills a 3-partition topic on the embedded KRaft Kafka with FMS-like records
 * (~250 bytes, event times spread over 9 days, out of order across partitions), then runs the backfill-loader
 * <b>jar</b> in its own JVM ({@code -Xmx1g} and the image's flags) against the embedded Kafka and S3 (both in this
 * JVM, on the same cores), and prints records/s (Kafka to durable Parquet in S3; the fill is not timed), the
 * backfill's CPU time, its peak heap, files per tier and the machine's load, then checks the lake through DuckDB: as
 * many rows as records, no coordinate twice. Run from the repository root:
 * <pre>
 * mvn -B -q -pl backfill-loader -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx2g -cp backfill-loader/target/test-classes:$(cat backfill-loader/target/bench.cp) \
 *      io.fmslake.backfill.bench.BackfillBench [records=2000000] [days=9] [partitions=3] [heap=1g] [repeat=1]
 *      [now=<ISO instant>]
 *      ["jvmArgs=-XX:+UseG1GC"] ["backfillEnv=BACKFILL_WORKERS=2|BACKFILL_WORKERS=3"]
 * </pre>
 * The history ends at {@code now} (default: the latest Wednesday 12:30 UTC) and the backfill chooses tiers as of then.
 * {@code jvmArgs} replaces the image's JVM flags, which are the default here (read from the Dockerfile's
 * {@code ENTRYPOINT}: Parallel GC and the JIT flags).
 * {@code backfillEnv} holds variants separated by {@code |}, each a list of {@code NAME=value} separated by
 * {@code ;}: every variant is run (cold, into a fresh bucket, with fresh consumer groups) {@code repeat} times
 * over the same topic, for before/after comparisons; {@code JAR=<path>} in a variant runs another build of the jar,
 * {@code JVM=<flags>} replaces the JVM flags for that variant. {@code BACKFILL_SHARDS=<n>} in a variant runs an
 * Indexed Job's {@code n} pods as {@code n} JVMs at once (each with its {@code JOB_COMPLETION_INDEX}), and prints
 * each pod's figures and the whole load's rate and CPU.
 */
public final class BackfillBench {
    private BackfillBench() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        long records = Long.parseLong(arg(args, "records", "2000000"));
        int days = Integer.parseInt(arg(args, "days", "9"));
        int partitions = Integer.parseInt(arg(args, "partitions", "3"));
        int repeat = Integer.parseInt(arg(args, "repeat", "1"));
        String heap = arg(args, "heap", "1g");
        Path jar = Path.of(arg(args, "jar", "backfill-loader/target/backfill-loader.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the jar first: " + jar.toAbsolutePath());
        }
        String jvmArgs = arg(args, "jvmArgs", ImageFlags.of(Path.of("backfill-loader/Dockerfile")));
        System.out.println("backfill JVM flags: -Xmx" + heap + " " + jvmArgs);
        try (EmbeddedKafka kafka = EmbeddedKafka.startNew();
                EmbeddedS3 s3 = EmbeddedS3.startNew()) {
            String topic = "fms-history";
            BenchHistory.createTopic(kafka, topic, partitions);
            String nowArg = arg(args, "now", "");
            Instant end = nowArg.isEmpty() ? referenceNow(Instant.now()) : Instant.parse(nowArg);
            BenchHistory history = new BenchHistory();
            long t0 = System.nanoTime();
            history.produce(kafka, topic, partitions, records, end, Duration.ofDays(days));
            System.out.printf(
                    Locale.ROOT,
                    "filled %d partitions with %,d records (%.0f bytes of JSON each on average, "
                            + "event times over %d days up to %s, tiers as of then) in %.1f s (not timed below)%n",
                    partitions,
                    records,
                    history.valueBytes() / (double) records,
                    days,
                    end,
                    (System.nanoTime() - t0) / 1e9);
            int n = 0;
            for (int r = 1; r <= repeat; r++) {
                for (String variant : arg(args, "backfillEnv", "").split("\\|", -1)) {
                    n++;
                    Map<String, String> env = LakeEnv.of(kafka, topic, s3, "fms-bench-" + n);
                    env.put("EVENT_TIME_FIELD", "timestamp");
                    env.put("KAFKA_GROUP_ID", "bench-backfill-" + n);
                    env.put("COLLECTOR_GROUP_ID", "bench-collector-" + n);
                    Map<String, String> extra = pairs(variant);
                    Path variantJar = extra.containsKey("JAR") ? Path.of(extra.remove("JAR")) : jar;
                    String variantJvm = extra.containsKey("JVM") ? extra.remove("JVM") : jvmArgs;
                    env.putAll(extra);
                    runOnce(n, variantJar, heap, variantJvm, env, records, variant, end);
                }
            }
        }
    }

    /**
     * The latest Wednesday 12:30 UTC at or before {@code wallNow}: the history ends there and the backfill chooses
     * tiers as of then ({@code --now}), so every run writes the same files whatever the time of day (a closed previous
     * week, the closed days of this week, twelve closed hours, thirty minute windows). With the wall clock the number
     * of minute and hour windows, hence the work, depended on when the benchmark ran.
     */
    static Instant referenceNow(Instant wallNow) {
        ZonedDateTime t = wallNow.atZone(ZoneOffset.UTC)
                .withHour(12)
                .withMinute(30)
                .withSecond(0)
                .withNano(0)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.WEDNESDAY));
        return t.toInstant().isAfter(wallNow) ? t.minusWeeks(1).toInstant() : t.toInstant();
    }

    private static void runOnce(
            int n,
            Path jar,
            String heap,
            String jvmArgs,
            Map<String, String> env,
            long records,
            String variant,
            Instant now)
            throws IOException, InterruptedException {
        Path spill = Files.createTempDirectory("backfill-bench-spill-");
        env.putIfAbsent("BACKFILL_SPILL_DIR", spill.toString());
        int pods = Integer.parseInt(env.getOrDefault("BACKFILL_SHARDS", "1"));
        List<Process> running = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        List<Path> gcLogs = new ArrayList<>();
        String loadBefore = load();
        long hostCpu0 = hostCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < pods; i++) { // an Indexed Job's pods (BACKFILL_SHARDS > 1): one JVM each, all at once
            Path log = Files.createTempFile("backfill-bench-" + n + "-" + i + "-", ".log");
            Path gcLog = Files.createTempFile("backfill-bench-gc-" + n + "-" + i + "-", ".log");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap,
                    "-Xlog:gc:file=" + gcLog));
            if (!jvmArgs.isBlank()) {
                cmd.addAll(List.of(jvmArgs.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-jar", jar.toString(), "--now", now.toString()));
            ProcessBuilder pb =
                    new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG"));
            pb.environment().putAll(env);
            if (pods > 1) {
                pb.environment().put("JOB_COMPLETION_INDEX", Integer.toString(i));
            }
            running.add(pb.start());
            logs.add(log);
            gcLogs.add(gcLog);
        }
        double[] cpus = new double[pods];
        while (running.stream().anyMatch(Process::isAlive)) { // a process's CPU time is gone once it has exited
            for (int i = 0; i < pods; i++) {
                double last = cpus[i];
                cpus[i] = running.get(i)
                        .toHandle()
                        .info()
                        .totalCpuDuration()
                        .map(d -> d.toNanos() / 1e9)
                        .orElse(last);
            }
            Thread.sleep(20);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double hostCpu = (hostCpuNanos() - hostCpu0) / 1e9;
        String loadAfter = load();
        double cpu = 0;
        boolean exited = true;
        for (int i = 0; i < pods; i++) {
            Process p = running.get(i);
            List<String> out = Files.readAllLines(logs.get(i));
            System.out.printf(
                    Locale.ROOT,
                    "%n=== run %d %s%s: exit %d, log %s%n",
                    n,
                    variant.isBlank() ? "(defaults)" : variant,
                    pods > 1 ? ", pod " + i : "",
                    p.exitValue(),
                    logs.get(i));
            out.stream().filter(l -> !l.startsWith("20") && !l.isBlank()).forEach(l -> System.out.println("  | " + l));
            RunLog.Phases phases = RunLog.phases(out);
            RunLog.Gc gc = RunLog.gc(gcLogs.get(i));
            System.out.printf(
                    Locale.ROOT,
                    "records/s: %,.0f (the run's own summary: hand-over, read, spill, publish " + "into S3)%n",
                    phases.recordsPerSecond());
            System.out.printf(
                    Locale.ROOT,
                    "phases: reading %.1f s, publishing %.1f s%n",
                    phases.readSeconds(),
                    phases.publishSeconds());
            System.out.printf(Locale.ROOT, "backfill CPU: %.1f s (JVM start and JIT included)%n", cpus[i]);
            System.out.printf(
                    Locale.ROOT,
                    "heap (-Xmx%s): peak used %d MiB sampled by the run, %d MiB before a GC, "
                            + "at most %d MiB left after a GC (%d GCs, %.1f s of pauses)%n",
                    heap,
                    phases.peakHeapMiB(),
                    gc.maxBeforeMiB(),
                    gc.maxAfterMiB(),
                    gc.count(),
                    gc.pauseMillis() / 1000.0);
            cpu += cpus[i];
            exited &= p.exitValue() == 0;
        }
        System.out.printf(
                Locale.ROOT,
                "%s%,.0f records/s counting the JVM's start (%.1f s wall)%n",
                pods > 1 ? "all " + pods + " pods: " : "",
                records / wall,
                wall);
        System.out.printf(
                Locale.ROOT,
                "backfill CPU: %.1f s = %,.0f records per CPU-s; Kafka broker + S3 server (this "
                        + "JVM) meanwhile: %.1f CPU-s%n",
                cpu,
                records / cpu,
                hostCpu);
        System.out.printf(
                Locale.ROOT,
                "load average before %s, after %s (%d cores)%n",
                loadBefore,
                loadAfter,
                Runtime.getRuntime().availableProcessors());
        try (ObjectStore store =
                ObjectStores.open(LakeSettings.fromEnv(env, "bench").store())) {
            BenchLake.Check c = BenchLake.check(store);
            StringBuilder tiers = new StringBuilder();
            c.files()
                    .forEach((tier, files) -> tiers.append(String.format(
                            Locale.ROOT,
                            " %s %d (%.1f MiB)",
                            tier,
                            files,
                            c.bytes().get(tier) / 1048576.0)));
            System.out.println("files per tier:" + tiers);
            boolean ok = exited
                    && c.footerRows() == records
                    && c.rows() == records
                    && c.distinct() == records
                    && c.deadLetters() == 0;
            System.out.printf(
                    Locale.ROOT,
                    "check %s: footers %,d rows, DuckDB %,d rows, %,d distinct (partition, "
                            + "offset), %,d dead letters; expected %,d%n",
                    ok ? "OK" : "FAILED",
                    c.footerRows(),
                    c.rows(),
                    c.distinct(),
                    c.deadLetters(),
                    records);
        }
        TempDirs.deleteQuietly(spill);
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String kv : text.split(";")) {
            if (kv.contains("=")) {
                out.put(
                        kv.substring(0, kv.indexOf('=')).trim(),
                        kv.substring(kv.indexOf('=') + 1).trim());
            }
        }
        return out;
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** CPU time of this JVM (the embedded Kafka broker and S3 server). */
    private static long hostCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
