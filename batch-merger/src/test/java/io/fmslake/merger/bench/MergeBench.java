package io.fmslake.merger.bench;

import io.fmslake.merge.CrashPoint;
import io.fmslake.merge.MergeEngine;
import io.fmslake.merge.MergeLease;
import io.fmslake.merge.MergeOptions;
import io.fmslake.merge.MergePlan;
import io.fmslake.merge.MergePlanner;
import io.fmslake.merge.MergeResult;
import io.fmslake.merge.Tiering;
import io.fmslake.merge.WindowLeases;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.testkit.TempDirs;
import io.fmslake.window.Level;
import io.fmslake.window.WindowCodec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Merge benchmark, not a test. Measures the merge engine on local disk (a directory stands in for the bucket, so
 * neither an S3 server nor the network shares the heap or the CPU), and DuckDB's COPY of the same inputs.
 * <pre>
 * mvn -o -q -pl batch-merger -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * CP=batch-merger/target/test-classes:batch-merger/target/classes:common/target/classes:$(cat batch-merger/target/bench.cp)
 * java -Xmx1g -cp $CP io.fmslake.merger.bench.MergeBench hour [files=60] [rows=15000] [rounds=3] [codec=ZSTD] [strategies=reencode,bytecopy,duckdb]
 * java -Xmx512m -cp $CP io.fmslake.merger.bench.MergeBench day [rows=20000000] [via=hours|columns|rows] [codec=ZSTD] [targetMiB=512]
 * </pre>
 */
public final class MergeBench {
    private static final Instant DAY = Instant.parse("2025-06-12T00:00:00Z");
    private static final WindowCodec CODEC = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private static int threads = MergeOptions.defaultThreads();
    private static long target = MergeOptions.DEFAULT_TARGET_FILE_BYTES;

    private MergeBench() {}

    public static void main(String[] args) throws IOException, SQLException {
        String mode = args.length > 0 ? args[0] : "hour";
        String codec = arg(args, "codec", "ZSTD");
        long rowGroup = Long.parseLong(arg(args, "rowGroupMiB", "128")) << 20;
        threads = Integer.parseInt(arg(args, "threads", Integer.toString(threads)));
        target = Long.parseLong(arg(args, "targetMiB", Long.toString(target >> 20))) << 20;
        Path dir = Path.of(arg(args, "dir", System.getProperty("java.io.tmpdir") + "/merge-bench"));
        System.out.printf(
                Locale.ROOT,
                "cpus %d, column-copy threads %d, max heap %d MiB, codec %s, row groups %d MiB, "
                        + "target file %d MiB, dir %s%n",
                Runtime.getRuntime().availableProcessors(),
                threads,
                Runtime.getRuntime().maxMemory() >> 20,
                codec,
                rowGroup >> 20,
                target >> 20,
                dir);
        if (mode.equals("hour")) {
            hour(
                    dir,
                    Integer.parseInt(arg(args, "files", "60")),
                    Integer.parseInt(arg(args, "rows", "15000")),
                    Integer.parseInt(arg(args, "rounds", "3")),
                    codec,
                    rowGroup,
                    arg(args, "strategies", "reencode,bytecopy,duckdb").split(","));
            TempDirs.deleteQuietly(dir);
        } else {
            day(dir, Long.parseLong(arg(args, "rows", "20000000")), arg(args, "via", "hours"), codec, rowGroup);
        }
    }

    private static void hour(
            Path dir, int files, int rows, int rounds, String codec, long rowGroup, String[] strategies)
            throws IOException, SQLException {
        Path pristine = dir.resolve("hour");
        TempDirs.deleteQuietly(pristine);
        FmsRows gen = new FmsRows();
        long t0 = System.nanoTime();
        for (int m = 0; m < files; m++) {
            Instant start = DAY.plusSeconds(10 * 3600 + 60L * m);
            gen.write(
                    pristine.resolve(CODEC.format(CODEC.windowOf(Level.MINUTE, start))),
                    start,
                    60_000,
                    rows,
                    ParquetOptions.defaults(codec));
        }
        long total = (long) files * rows;
        System.out.printf(
                Locale.ROOT,
                "generated %d minute files x %d rows = %,d rows, %,d bytes, in %.1f s%n",
                files,
                rows,
                total,
                size(pristine),
                (System.nanoTime() - t0) / 1e9);
        for (int round = 1; round <= rounds; round++) {
            for (String strategy : strategies) {
                if (strategy.equals("duckdb")) {
                    duckDbCopy(pristine, dir.resolve("duck.parquet"), total, round, codec);
                    continue;
                }
                Path bucket = copy(pristine, dir.resolve("bucket"));
                long cpu0 = cpuNanos();
                MergeResult r = merge(bucket, dir, Level.HOUR, codec, rowGroup, strategy);
                double cpu = (cpuNanos() - cpu0) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "round %d %-8s %,10.0f rows/s  %,d rows in %.2f s (%.2f CPU-s, %,.0f rows per"
                                + " CPU-s) -> %,d bytes (%s)%n",
                        round,
                        strategy,
                        r.rowsPerSecond(),
                        r.rows(),
                        r.elapsed().toMillis() / 1000.0,
                        cpu,
                        r.rows() / cpu,
                        r.bytes(),
                        r.strategy());
            }
        }
    }

    /**
     * A day of {@code rows} rows in 1440 minute files (generated once into {@code dir/day-<rows>}, reused), merged
     * into a day by the path {@code via}: {@code columns} (catch-up straight from minutes, column copy), {@code rows}
     * (row-wise k-way merge) or {@code hours} (24 hour merges, then the day from the hours, as in production).
     */
    private static void day(Path dir, long rows, String via, String codec, long rowGroup) throws IOException {
        Path pristine = dir.resolve("day-" + rows);
        if (!Files.isDirectory(pristine)) {
            FmsRows gen = new FmsRows();
            long t0 = System.nanoTime();
            for (int i = 0; i < 1440; i++) {
                Instant start = DAY.plusSeconds(60L * i);
                int n = (int) (rows / 1440 + (i < rows % 1440 ? 1 : 0));
                gen.write(
                        pristine.resolve(CODEC.format(CODEC.windowOf(Level.MINUTE, start))),
                        start,
                        60_000,
                        n,
                        ParquetOptions.defaults(codec));
            }
            System.out.printf(
                    Locale.ROOT,
                    "generated 1440 minute files, %,d rows, %,d bytes, in %.1f s%n",
                    rows,
                    size(pristine),
                    (System.nanoTime() - t0) / 1e9);
        }
        Path bucket = copy(pristine, dir.resolve("bucket"));
        if (via.equals("hours")) {
            long t0 = System.nanoTime();
            for (int h = 0; h < 24; h++) {
                merge(bucket, dir, Level.HOUR, codec, rowGroup, "auto", DAY.plusSeconds(3600L * (h + 1) + 30));
            }
            System.out.printf(Locale.ROOT, "24 hour merges in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        System.gc();
        HeapPeak peak = HeapPeak.start();
        long cpu0 = cpuNanos();
        MergeResult r = merge(
                bucket,
                dir,
                Level.DAY,
                codec,
                rowGroup,
                via.equals("rows") ? "reencode" : "auto",
                DAY.plus(Duration.ofDays(7)));
        double cpu = (cpuNanos() - cpu0) / 1e9;
        peak.stop();
        System.out.printf(
                Locale.ROOT,
                "day merge via %s: %,d rows in %.1f s = %,.0f rows/s (%.1f CPU-s, %,.0f rows per CPU-s),"
                        + " %s, %,d bytes%n",
                via,
                r.rows(),
                r.elapsed().toMillis() / 1000.0,
                r.rowsPerSecond(),
                cpu,
                r.rows() / cpu,
                r.strategy(),
                r.bytes());
        System.out.printf(
                Locale.ROOT,
                "peak heap used: %d MiB sampled every 5 ms, %d MiB sum of pool peaks; max heap %d MiB%n",
                peak.sampledMax() >> 20,
                peak.poolPeaks() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(
                Locale.ROOT,
                "output: %d file(s), peak scratch %,d bytes (budget %,d)%n",
                r.published().size(),
                r.scratchPeak(),
                2 * target);
        TempDirs.deleteQuietly(bucket);
    }

    private static MergeResult merge(Path bucket, Path dir, Level level, String codec, long rowGroup, String strategy) {
        return merge(bucket, dir, level, codec, rowGroup, strategy, DAY.plus(Duration.ofDays(7)));
    }

    private static MergeResult merge(
            Path bucket, Path dir, Level level, String codec, long rowGroup, String strategy, Instant now) {
        DirectoryStore store = new DirectoryStore(bucket);
        long copyMin = switch (strategy) {
            case "reencode", "columncopy" -> Long.MAX_VALUE;
            case "bytecopy" -> 0;
            default -> MergeOptions.DEFAULT_BYTE_COPY_MIN_ROW_GROUP_BYTES;
        };
        MergeOptions options = new MergeOptions(
                dir.resolve("work"),
                new ParquetOptions(codec, rowGroup, 1 << 20),
                copyMin,
                strategy.equals("bytecopy"),
                FmsRows.TOPIC,
                strategy.equals("reencode"),
                threads,
                target,
                2 * target);
        MergePlanner planner = new MergePlanner(store, new Tiering(CODEC, Duration.ofSeconds(20)), target);
        List<MergePlan> plans = planner.planRun(level, now).plans();
        if (plans.size() != 1) {
            throw new IllegalStateException("expected one plan, got " + plans);
        }
        try (MergeLease lease = WindowLeases.of(store, CODEC, Duration.ofMinutes(5), Duration.ZERO, Clock.systemUTC())
                .acquire(plans.get(0).target())) {
            return new MergeEngine(store, options, Clock.systemUTC(), CrashPoint.Hook.NONE)
                    .execute(plans.get(0), lease);
        }
    }

    private static void duckDbCopy(Path pristine, Path out, long rows, int round, String codec)
            throws IOException, SQLException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(pristine)) {
            s.filter(Files::isRegularFile).sorted().forEach(p -> files.add("'" + p + "'"));
        }
        Files.deleteIfExists(out);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            st.execute("COPY (SELECT * FROM read_parquet([" + String.join(",", files) + "]) ORDER BY _event_time, "
                    + "_kafka_partition, _kafka_offset) TO '" + out + "' (FORMAT parquet, COMPRESSION " + codec + ")");
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "round %d duckdb   %,10.0f rows/s  %,d rows in %.2f s -> %,d bytes (COPY ... ORDER BY, %d threads)%n",
                    round,
                    rows / s,
                    rows,
                    s,
                    Files.size(out),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** Samples the used heap every 5 ms; also resets and reads the heap pools' peak usage. */
    private static final class HeapPeak {
        private final Thread sampler;
        private volatile boolean running = true;
        private volatile long max;

        private HeapPeak() {
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            sampler = new Thread(
                    () -> {
                        Runtime rt = Runtime.getRuntime();
                        while (running) {
                            max = Math.max(max, rt.totalMemory() - rt.freeMemory());
                            try {
                                Thread.sleep(5);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        static HeapPeak start() {
            return new HeapPeak();
        }

        void stop() {
            running = false;
        }

        long sampledMax() {
            return max;
        }

        long poolPeaks() {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed())
                    .sum();
        }
    }

    /** CPU time of this JVM so far (every thread, GC and JIT included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Path copy(Path from, Path to) throws IOException {
        TempDirs.deleteQuietly(to);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p));
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static String arg(String[] args, String name, String dflt) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return dflt;
    }
}
