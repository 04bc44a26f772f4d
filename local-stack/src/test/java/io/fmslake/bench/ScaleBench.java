package io.fmslake.bench;

import io.fmslake.config.LakeSettings;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.LakeEnv;
import io.fmslake.testkit.Ports;
import io.fmslake.testkit.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale benchmark, not a test: the whole flow of issue 14 on one machine with limits scaled down so that every
 * mechanism engages. Embedded KRaft Kafka and S3 (S3Proxy) run in this JVM; every service runs from its <b>jar</b>
 * in its own JVM, one per pod, reaching S3 through a counting proxy per kind of service:
 * <ol>
 *   <li>a topic of {@code partitions} partitions gets {@code records} records over {@code days} days of event time
 *       ending now (Kafka timestamp = event time);</li>
 *   <li>the backfill loads it as an Indexed Job of {@code pods} pods, each in {@code chunks} chunks; index 0 records
 *       the hand-over;</li>
 *   <li>{@code replicas} collectors take over there and consume live traffic ({@code liveRate} records/s for
 *       {@code liveSeconds}) under a small {@code BUFFER_MAX_BYTES}, so minutes are written early in parts;</li>
 *   <li>hour, day and week catch-ups, each an Indexed Job of {@code mergeShards} pods, as of the end of the current
 *       week ({@code WEEK_START} is chosen so that the week holds three days of history);</li>
 *   <li>{@code late} records into an old minute of that merged week; the collectors write them; hour, day and week
 *       runs again fold them in;</li>
 *   <li>the collectors stop (SIGTERM) and {@code batch-merger verify} must report 0 missing, 0 duplicated, and every
 *       record produced expected.</li>
 * </ol>
 * Per step it prints records/s, CPU-s of the services ({@code /proc}) and of this JVM, each JVM's peak heap (its
 * {@code -Xlog:gc}) and peak local disk (its directory, sampled) against its budget, objects written and deleted
 * (listings before and after), and S3 requests by method. Exit status 1 if a service failed, a budget was exceeded
 * or verify disagreed. From the repository root:
 * <pre>
 * mvn -o -q -B -pl local-stack -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * nice -n 5 timeout 5400 java -Xmx3g -cp local-stack/target/test-classes:$(cat local-stack/target/bench.cp) io.fmslake.bench.ScaleBench \
 *      [records=20000000] [days=9] [partitions=64] [pods=4] [chunks=2] [replicas=3] [liveSeconds=120] [liveRate=5000]
 *      [late=2000] [mergeShards=2] [target=&lt;bytes&gt;] [scratch=&lt;bytes&gt;] [buffer=16MiB] [backfillHeap=768]
 *      [collectorHeap=256] [mergerHeap=512]
 * </pre>
 * Measured figures and the capacity model built on them: docs/capacity.md.
 */
public final class ScaleBench {
    private static final Pattern VERIFY = Pattern.compile("expected (\\d+), missing (\\d+), duplicated (\\d+)");

    private ScaleBench() {}

    public static void main(String[] args) {
        try {
            System.exit(run(ScaleArgs.parse(args), Path.of("").toAbsolutePath()) ? 0 : 1);
        } catch (RuntimeException e) {
            System.err.println("scale benchmark FAILED: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static boolean run(ScaleArgs a, Path repo) {
        System.out.println("scale benchmark: " + a.describe());
        Path work = TempDirs.create("scale-bench-");
        System.out.println("logs and pod directories: " + work);
        String topic = "fms-scale";
        List<ServiceJvm> all = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.startNew();
                EmbeddedS3 s3 = EmbeddedS3.startNew()) {
            kafka.createTopic(topic, a.partitions(), Map.of("retention.ms", "-1", "retention.bytes", "-1"));
            Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            LocalDate weekStart = end.atZone(ZoneOffset.UTC).toLocalDate().minusDays(3);
            Instant mergeNow = weekStart
                    .plusWeeks(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .plus(Duration.ofHours(1));
            Map<String, S3Requests> proxies = new LinkedHashMap<>();
            Map<String, Map<String, String>> envs = new LinkedHashMap<>();
            for (String role : List.of("backfill", "collector", "merger")) {
                S3Requests proxy = S3Requests.to(s3);
                proxies.put(role, proxy);
                Map<String, String> env = LakeEnv.of(kafka, topic, s3, "fms-scale");
                env.put("MINIO_ENDPOINT", proxy.endpoint());
                env.put("EVENT_TIME_FIELD", "timestamp");
                env.put("WEEK_START", weekStart.getDayOfWeek().toString());
                env.put("TARGET_FILE_BYTES", Long.toString(a.targetBytes()));
                env.put("MERGE_SCRATCH_BYTES", Long.toString(a.scratchBytes()));
                env.put("ROW_GROUP_BYTES", Long.toString(a.rowGroupBytes()));
                envs.put(role, env);
            }
            Map<String, String> direct = LakeEnv.of(kafka, topic, s3, "fms-scale");
            try (ObjectStore store =
                    ObjectStores.open(LakeSettings.fromEnv(direct, "bench").store())) {
                Pods pods = new Pods(repo, work, a, envs, Ports.free());
                Flow flow = new Flow(a, new Traffic(kafka, topic, a.partitions()), kafka, store, proxies, pods, all);
                return flow.run(end, weekStart, mergeNow);
            } finally {
                all.forEach(ServiceJvm::kill);
                proxies.values().forEach(S3Requests::close);
            }
        }
    }

    /** Parses verify's last line: expected, missing, duplicated. */
    static long[] verifyCounts(String output) {
        Matcher m = VERIFY.matcher(output);
        long[] found = null;
        while (m.find()) {
            found = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
        }
        if (found == null) {
            throw new IllegalStateException("verify printed no 'expected N, missing M, duplicated D' line");
        }
        return found;
    }

    static String summary(List<StepMeter.Result> results) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "%n%-22s %8s %12s %10s %9s %9s %8s %9s %8s " + "%9s %s%n",
                "step",
                "wall s",
                "records",
                "records/s",
                "svc CPU-s",
                "µs/record",
                "bench CPU",
                "heap MiB",
                "disk MiB",
                "objects",
                "S3 requests"));
        for (StepMeter.Result r : results) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-22s %8.1f %,12d %,10.0f %9.1f %9.2f %8.1f %9d %8.1f %,9d %,d%s%n",
                    r.step(),
                    r.seconds(),
                    r.records(),
                    r.records() / r.seconds(),
                    r.serviceCpu(),
                    r.records() == 0 ? 0 : r.serviceCpu() / r.records() * 1e6,
                    r.benchCpu(),
                    r.peakHeapMiB(),
                    r.peakDiskBytes() / 1048576.0,
                    r.objectsWritten(),
                    r.requests(),
                    r.withinBudgets() ? "" : "  BUDGET EXCEEDED"));
        }
        return b.toString();
    }
}
