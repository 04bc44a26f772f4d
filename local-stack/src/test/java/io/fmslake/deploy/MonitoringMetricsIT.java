package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.status.JobStatus;
import io.fmslake.store.ObjectStore;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.KafkaBroker;
import io.fmslake.testkit.LakeEnv;
import io.fmslake.testkit.Ports;
import io.fmslake.testkit.S3Endpoint;
import io.fmslake.testkit.TestProducer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The services as their images run them ({@code java -jar}, on the embedded Kafka and S3 servers): the backfill
 * loads a history, the collector consumes live records, the merger runs an hour merge and {@code verify}. The
 * collector's {@code /metrics}, scraped afterwards, must hold every metric name that an expression of the Grafana
 * dashboard or of the alerting rules selects (only {@link #EXTERNAL} come from elsewhere), and the gauges of the
 * jobs must carry what their status objects in {@code _lake/status/} say.
 */
class MonitoringMetricsIT {
    /** Metrics that none of the services exports, each with where it comes from. Keep this list short. */
    private static final Map<String, String> EXTERNAL =
            Map.of("up", "Prometheus itself: 1 per target it scraped (FmsCollectorDown, 'Collector replicas up')");

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final Path repo = RepoFiles.root();

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsExportedAndTheJobsGaugesShowTheirLastRuns() throws Exception {
        KafkaBroker kafka = EmbeddedKafka.shared();
        S3Endpoint s3 = EmbeddedS3.shared();
        String topic = S3Endpoint.uniqueBucket("monitoring");
        kafka.createTopic(topic, 2);
        Instant now = Instant.now();
        try (TestProducer producer = kafka.producer()) { // history: two hours ago, some dead letters among it
            for (int i = 0; i < 400; i++) {
                long t = now.minus(Duration.ofHours(2)).toEpochMilli() + i * 1000L;
                producer.send(topic, i % 2, t, i % 50 == 0 ? "not json " + i : "{\"device\":\"d" + i % 7 + "\"}");
            }
            producer.flush();
        }
        Map<String, String> env = LakeEnv.of(kafka, topic, s3, topic);
        env.put("COLLECTOR_GROUP_ID", topic + "-collector");
        env.put("WINDOW_GRACE", "1s");

        Map<String, String> backfill = new TreeMap<>(env);
        backfill.put("KAFKA_GROUP_ID", topic + "-backfill");
        backfill.put("PROGRESS_INTERVAL", "1s");
        try (JvmProcess p = JvmProcess.ofJar(jar("backfill-loader"))
                .jvmArgs("-Xmx384m")
                .env(backfill)
                .start()) {
            assertEquals(0, p.awaitExit(DEADLINE), p.output());
        }

        int port = Ports.free();
        Map<String, String> collector = new TreeMap<>(env);
        collector.put("KAFKA_GROUP_ID", topic + "-collector");
        collector.put("HTTP_PORT", Integer.toString(port));
        collector.put("JOB_STATUS_INTERVAL", "1s");
        collector.put("FLUSH_IDLE", "0s");
        try (JvmProcess c = JvmProcess.ofJar(jar("realtime-collector"))
                .jvmArgs("-Xmx256m")
                .env(collector)
                .start()) {
            try (TestProducer producer = kafka.producer()) { // live records of a minute that is already closed
                for (int i = 0; i < 100; i++) {
                    producer.send(topic, i % 2, now.minusSeconds(120).toEpochMilli() + i, "{\"device\":\"live\"}");
                }
                producer.flush();
            }
            double written = value(
                    awaitSample(port, "fms_collector_records_written_total", v -> v >= 100, c),
                    "fms_collector_records_written_total");

            Map<String, String> merger = new TreeMap<>(env);
            merger.put("KAFKA_GROUP_ID", topic + "-merger");
            merger.put("MERGE_TMP_DIR", System.getProperty("java.io.tmpdir"));
            assertEquals(0, runMerger(merger, "hour"), "hour");
            assertEquals(0, runMerger(merger, "verify"), "verify");

            awaitSample(port, "fms_verify_last_run_success", v -> v == 1, c);
            awaitSample(port, "fms_merge_last_run_success{level=\"hour\"}", v -> v == 1, c);
            String scrape = awaitSample(port, "fms_backfill_finished", v -> v == 1, c);

            Set<String> exported = sampleNames(scrape);
            Set<String> used = new TreeSet<>();
            List<String> exprs = new ArrayList<>(Monitoring.dashboardExprs());
            Monitoring.alertRules().forEach(r -> exprs.add(r.path("expr").asText()));
            exprs.forEach(e -> used.addAll(PromQl.metricNames(e)));
            Set<String> unknown = new TreeSet<>(used);
            unknown.removeAll(exported);
            unknown.removeAll(EXTERNAL.keySet());
            assertEquals(Set.of(), unknown, "named by the dashboard or the alerts, exported by no service");
            assertTrue(used.size() > 30, "the scan found the expressions' names: " + used);

            try (ObjectStore store = s3.store(topic)) {
                JobStatus hour = read(store, JobStatus.MERGE_HOUR);
                JobStatus verify = read(store, JobStatus.VERIFY);
                JobStatus loaded = read(store, JobStatus.BACKFILL);
                assertEquals(
                        hour.number("lake", "hour", "files").orElseThrow(),
                        value(scrape, "fms_lake_files{tier=\"hour\"}"));
                assertEquals(
                        hour.number("lake", "errors", "bytes").orElseThrow(),
                        value(scrape, "fms_lake_bytes{tier=\"errors\"}"));
                assertEquals(
                        hour.finished().orElseThrow().toEpochMilli() / 1000.0,
                        value(scrape, "fms_merge_last_run_timestamp_seconds{level=\"hour\"}"));
                assertEquals(0, value(scrape, "fms_verify_missing_records"));
                assertEquals(0, value(scrape, "fms_verify_duplicated_records"));
                assertTrue(verify.number("expected").orElseThrow() >= 500, "verify checked history and live records");
                assertEquals(400, loaded.number("records_total").orElseThrow());
                assertEquals(400, value(scrape, "fms_backfill_records_done"));
                assertEquals(400, value(scrape, "fms_backfill_records_planned"));
                assertTrue(Double.isNaN(value(scrape, "fms_merge_last_run_success{level=\"week\"}")), "never ran");
            }
            System.out.printf(
                    "MonitoringMetricsIT: %d metric names used, %d exported; collector wrote %.0f rows%n",
                    used.size(), exported.size(), written);
            c.terminate();
            assertEquals(0, c.awaitExit(Duration.ofSeconds(60)), c.output());
        }
    }

    private Path jar(String module) {
        return repo.resolve(module).resolve("target").resolve(module + ".jar");
    }

    private int runMerger(Map<String, String> env, String... args) {
        try (JvmProcess m = JvmProcess.ofJar(jar("batch-merger"))
                .jvmArgs("-Xmx256m")
                .env(env)
                .args(args)
                .start()) {
            int code = m.awaitExit(DEADLINE);
            if (code != 0) {
                System.out.println(m.output());
            }
            return code;
        }
    }

    private static JobStatus read(ObjectStore store, String job) throws IOException {
        try (InputStream in = store.open(JobStatus.key(job))) {
            return JobStatus.parse(in.readAllBytes());
        }
    }

    /** Scrapes until {@code sample} satisfies {@code ok}; returns that scrape. */
    private static String awaitSample(int port, String sample, java.util.function.DoublePredicate ok, JvmProcess c)
            throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = scrape(port);
            OptionalDouble v = find(last, sample);
            if (v.isPresent() && ok.test(v.getAsDouble())) {
                return last;
            }
            assertTrue(c.alive(), c.output());
            Thread.sleep(500);
        }
        throw new AssertionError(
                sample + " not as expected within " + DEADLINE + ": " + find(last, sample) + "\n" + c.output());
    }

    private static String scrape(int port) throws Exception {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return ""; // not serving yet
        }
    }

    private static OptionalDouble find(String scrape, String sample) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(scrape);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    private static double value(String scrape, String sample) {
        return find(scrape, sample).orElseThrow(() -> new AssertionError(sample + " not exported"));
    }

    /** The name of every sample line ({@code name{labels} value} or {@code name value}). */
    static Set<String> sampleNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                names.add(line.substring(0, end));
            }
        }
        return names;
    }
}
