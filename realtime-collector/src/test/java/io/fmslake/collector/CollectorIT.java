package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector in-process against the embedded Kafka and S3: files, names, commits, HTTP. */
class CollectorIT {
    @TempDir
    Path work;

    static String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    @Test
    void oneReplicaOnOnePartitionWritesExactlyTheSeedNamesAndCommitsTheEnd() throws Exception {
        try (TestBed bed = new TestBed("seed-names", 1, work)) {
            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
            bed.produce(0, 300, minute.plusMillis(150), Duration.ofMillis(600)); // 3 minutes, 100 each
            bed.produceRaw(0, minute.plusSeconds(30), "not json");
            CollectorSettings settings = CollectorSettings.fromEnv(bed.env());
            try (Collector collector = new Collector(settings, bed.store(), Clock.systemUTC(), CrashPoints.NONE)) {
                CompletableFuture<Void> running = CompletableFuture.runAsync(collector::run);
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(60));
                bed.awaitCommittedEnd(Duration.ofSeconds(20));

                String m0 = minuteName(minute);
                String m1 = minuteName(minute.plusSeconds(60));
                String m2 = minuteName(minute.plusSeconds(120));
                String errors = "errors/" + m0.substring("minute/".length(), m0.length() - ".parquet".length())
                        + "-p0o300.parquet";
                assertEquals(List.of(m0, m1, m2, errors), lake.keys());
                assertEquals(301, lake.distinct());
                assertTrue(get(collector.httpPort(), "/healthz").startsWith("200"));
                assertTrue(get(collector.httpPort(), "/readyz").startsWith("200 ok"));
                String metrics = get(collector.httpPort(), "/metrics");
                assertTrue(metrics.contains("fms_collector_records_written_total 300.0"), metrics);
                String deadLettered = "fms_collector_records_dead_lettered_total";
                assertTrue(metrics.contains(deadLettered + "{reason=\"not_json\"} 1.0"), metrics);
                assertTrue(metrics.contains(deadLettered + "{reason=\"event_time_too_far_ahead\"} 0.0"), metrics);
                assertTrue(metrics.contains("fms_collector_files_written_total{kind=\"rows\"} 3.0"));
                assertTrue(metrics.contains("fms_collector_consumer_lag{partition=\"0\"} 0.0"), metrics);
                assertTrue(metrics.contains("fms_collector_end_to_end_latency_seconds_count"));

                collector.stop();
                running.get();
            }
            assertEquals(bed.end(), bed.committed());
        }
    }

    static String minuteName(Instant t) {
        return "minute/"
                + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd_HHmm")
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(t)
                + ".parquet";
    }
}
