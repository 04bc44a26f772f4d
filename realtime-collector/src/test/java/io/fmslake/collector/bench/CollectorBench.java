package io.fmslake.collector.bench;

import io.fmslake.collector.FmsRecords;
import io.fmslake.config.LakeSettings;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.LakeEnv;
import io.fmslake.testkit.TestProducer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Collector benchmark, not a test: fills a topic (3 partitions) with FMS-like records (~250 bytes), runs the
 * collector's jar in its own JVM ({@code -Xmx512m} and the image's {@code -XX:+UseParallelGC}; {@code collectorJvmArgs}
 * replaces the latter) against the embedded Kafka and S3, and
 * prints the sustained records/s of the backlog, the peak heap, and then, under live traffic, the delay from each
 * minute's end until its file is durable. Run from the repository root:
 * <pre>
 * mvn -o -q -pl realtime-collector -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx2g -cp realtime-collector/target/test-classes:$(cat realtime-collector/target/bench.cp) \
 *      io.fmslake.collector.bench.CollectorBench [records=2000000] [liveSeconds=150] [liveRate=1000]
 *      ["collectorJvmArgs=-XX:+UseG1GC"] ["collectorEnv=BUFFER_MAX_BYTES=64MiB;FLUSH_THREADS=1"]
 *      [partitions=3] [minutes=10] [countRequests=false]
 * </pre>
 * {@code minutes} is the event-time span of the backlog; {@code countRequests=true} routes the collector's S3 traffic
 * through a counting proxy and prints files per minute and store requests per file written (see
 * {@link FlushFigures}).
 */
public final class CollectorBench {
    private CollectorBench() {}

    public static void main(String[] args) throws Exception {
        long records = arg(args, "records", 2_000_000);
        long liveSeconds = arg(args, "liveSeconds", 150);
        long liveRate = arg(args, "liveRate", 1000);
        Path jar = Path.of(argText(args, "jar", "realtime-collector/target/realtime-collector.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the jar first: " + jar.toAbsolutePath());
        }
        EmbeddedKafka kafka = EmbeddedKafka.startNew();
        EmbeddedS3 s3 = EmbeddedS3.startNew();
        String topic = "bench";
        int partitions = (int) arg(args, "partitions", 3);
        kafka.createTopic(topic, partitions);
        Map<String, String> env = LakeEnv.of(kafka, topic, s3, "fms-bench");
        Map<String, String> direct = Map.copyOf(env);
        FlushFigures figures =
                FlushFigures.start(argText(args, "countRequests", "false").equals("true"), s3, "fms-bench", env);
        env.put("EVENT_TIME_FIELD", "timestamp");
        env.put("START_OFFSET", "earliest");
        for (String kv : argText(args, "collectorEnv", "").split(";")) {
            if (kv.contains("=")) {
                env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        int port = freePort();
        env.put("HTTP_PORT", Integer.toString(port));

        Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(15, ChronoUnit.MINUTES);
        long t0 = System.nanoTime();
        produceBacklog(kafka, topic, records, first, partitions, Duration.ofMinutes(arg(args, "minutes", 10)));
        System.out.printf(
                Locale.ROOT,
                "produced %,d records (%d bytes each on average) in %.1f s%n",
                records,
                FmsRecords.json(records / 2, first).length,
                (System.nanoTime() - t0) / 1e9);

        Path log = Files.createTempFile("collector-bench-", ".log");
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        String extra = argText(args, "collectorJvmArgs", "-XX:+UseParallelGC");
        if (!extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process collector = pb.start();
        MetricsProbe metrics = new MetricsProbe(port);
        BacklogResult backlog = metrics.awaitWritten(records, Duration.ofMinutes(10));
        double cpu = collector
                .toHandle()
                .info()
                .totalCpuDuration()
                .map(d -> d.toMillis() / 1000.0)
                .orElse(Double.NaN);
        System.out.printf(
                Locale.ROOT,
                "backlog: %,d records durable in %.1f s = %,.0f records/s sustained "
                        + "(first consumed to last durable; second half alone, JIT warm: %,.0f records/s); peak heap "
                        + "used %.0f MiB of 512 MiB%n",
                records,
                backlog.seconds(),
                records / backlog.seconds(),
                backlog.secondHalfRate(),
                backlog.peakHeapBytes() / 1048576.0);
        System.out.printf(
                Locale.ROOT,
                "collector CPU: %.1f s in total (start-up and JIT included) = %,.0f records per "
                        + "CPU-second; machine load average now %.1f on %d cores%n",
                cpu,
                records / cpu,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());

        try (ObjectStore store =
                ObjectStores.open(LakeSettings.fromEnv(direct, "bench").store())) {
            figures.print(store);
            if (liveSeconds > 0) {
                live(kafka, topic, store, liveSeconds, liveRate, metrics, partitions);
            }
        }
        long stop = System.nanoTime();
        collector.destroy();
        int exit = collector.waitFor();
        System.out.printf(
                Locale.ROOT,
                "SIGTERM: exit %d after %.1f s; peak heap used overall %.0f MiB; log %s%n",
                exit,
                (System.nanoTime() - stop) / 1e9,
                metrics.peakHeapBytes() / 1048576.0,
                log);
        figures.close();
        kafka.close();
        s3.close();
    }

    record BacklogResult(double seconds, double peakHeapBytes, double secondHalfRate) {}

    /** Three producer threads, each filling every third partition with records spread over {@code span}. */
    private static void produceBacklog(
            EmbeddedKafka kafka, String topic, long records, Instant first, int partitions, Duration span) {
        long perPartition = records / partitions;
        long spanMillis = span.toMillis();
        int threads = Math.min(3, partitions);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            parts.add(CompletableFuture.runAsync(
                    () -> {
                        try (TestProducer producer = kafka.producer()) {
                            for (int partition = thread; partition < partitions; partition += threads) {
                                long count = perPartition + (partition < records % partitions ? 1 : 0);
                                for (long i = 0; i < count; i++) {
                                    Instant at = first.plusMillis(i * spanMillis / count);
                                    producer.send(
                                            topic,
                                            partition,
                                            at.toEpochMilli(),
                                            null,
                                            FmsRecords.json(i * partitions + partition, at));
                                }
                            }
                            producer.flush();
                        }
                    },
                    pool));
        }
        parts.forEach(CompletableFuture::join);
        pool.shutdown();
    }

    /** Live traffic with event time = now; reports how long after each minute's end its base file was durable. */
    private static void live(
            EmbeddedKafka kafka,
            String topic,
            ObjectStore store,
            long seconds,
            long rate,
            MetricsProbe metrics,
            int partitions)
            throws InterruptedException {
        Instant start = Instant.now();
        Instant end = start.plusSeconds(seconds);
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            try (TestProducer producer = kafka.producer()) {
                long sent = 0;
                while (Instant.now().isBefore(end)) {
                    long due = Duration.between(start, Instant.now()).toMillis() * rate / 1000;
                    for (; sent < due; sent++) {
                        Instant now = Instant.now();
                        producer.send(
                                topic, (int) (sent % partitions), now.toEpochMilli(), null, FmsRecords.json(sent, now));
                    }
                    sleep(20);
                }
                producer.flush();
            }
        });
        Map<String, Instant> seen = new TreeMap<>();
        Instant watchUntil = end.plusSeconds(45);
        while (Instant.now().isBefore(watchUntil)) {
            for (StoredObject o : store.list("minute/")) {
                seen.putIfAbsent(o.key(), Instant.now());
            }
            metrics.sample();
            sleep(250);
        }
        traffic.join();
        System.out.printf(
                Locale.ROOT,
                "live: %d records/s for %d s (event time = now, WINDOW_GRACE 20s default)%n",
                rate,
                seconds);
        double worst = 0;
        Map<Instant, Instant> lastFileOfMinute = new TreeMap<>();
        Map<Instant, Integer> files = new TreeMap<>();
        for (Map.Entry<String, Instant> e : seen.entrySet()) {
            String name = e.getKey().substring("minute/".length());
            Instant minuteStart = java.time.LocalDateTime.parse(
                            name.substring(0, 13), java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd_HHmm"))
                    .toInstant(java.time.ZoneOffset.UTC);
            lastFileOfMinute.merge(minuteStart, e.getValue(), (a, b) -> a.isAfter(b) ? a : b);
            files.merge(minuteStart, 1, Integer::sum);
        }
        for (Map.Entry<Instant, Instant> e : lastFileOfMinute.entrySet()) {
            Instant minuteEnd = e.getKey().plusSeconds(60);
            if (e.getKey().isBefore(start.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60)) || minuteEnd.isAfter(end)) {
                continue; // backlog minutes, and the minutes live traffic did not fill completely
            }
            double delay = Duration.between(minuteEnd, e.getValue()).toMillis() / 1000.0;
            worst = Math.max(worst, delay);
            System.out.printf(
                    Locale.ROOT,
                    "  minute %s: all %d file(s) durable %.1f s after the minute's end%n",
                    e.getKey(),
                    files.get(e.getKey()),
                    delay);
        }
        System.out.printf(Locale.ROOT, "  worst: %.1f s after the minute's end (target: grace 20 s + 10 s)%n", worst);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long arg(String[] args, String name, long fallback) {
        return Long.parseLong(argText(args, name, Long.toString(fallback)));
    }

    private static String argText(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
