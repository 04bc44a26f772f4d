package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MinIO goes away mid-run: the collector keeps consuming up to its cap, then pauses, reports not ready, commits
 * nothing new, and recovers by itself once the server is back, losing and duplicating nothing.
 */
class CollectorOutageIT {
    @TempDir
    Path work;

    @Test
    void anOutageStopsCommitsAndReadinessThenRecoversWithoutLossOrDuplicates() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.startNew();
                TestBed bed = new TestBed("outage", 2, work, EmbeddedKafka.shared(), s3)) {
            Map<String, String> env = bed.env();
            env.put("BUFFER_MAX_BYTES", "1MiB");
            Instant m = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES);
            try (Collector collector =
                    new Collector(CollectorSettings.fromEnv(env), bed.store(), Clock.systemUTC(), CrashPoints.NONE)) {
                CompletableFuture<Void> running = CompletableFuture.runAsync(collector::run);
                int port = collector.httpPort();
                bed.produce(0, 50, m, Duration.ofMillis(100));
                bed.produce(1, 50, m, Duration.ofMillis(100));
                bed.awaitComplete(Duration.ofSeconds(60));
                bed.awaitCommittedEnd(Duration.ofSeconds(20));
                Map<Integer, Long> before = bed.committed();

                s3.stop();
                for (int p = 0; p < 2; p++) {
                    bed.produce(p, 2000, m.plusSeconds(60), Duration.ofMillis(50)); // ~2.5 MB estimated
                }
                assertTrue(await(() -> get(port, "/readyz").startsWith("503")), "not ready while S3 is down");
                assertTrue(
                        await(() -> get(port, "/metrics").contains("fms_collector_paused 1.0")), "paused at the cap");
                for (int i = 0; i < 5; i++) {
                    assertEquals(before, bed.committed(), "nothing committed while the store is down");
                    TestBed.sleep(1000);
                }
                String metrics = get(port, "/metrics");
                assertTrue(metrics.contains("fms_collector_flush_failures_total"), metrics);
                assertTrue(get(port, "/healthz").startsWith("200"), "alive all along");

                s3.restart();
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(90));
                bed.awaitCommittedEnd(Duration.ofSeconds(30));
                assertTrue(await(() -> get(port, "/readyz").startsWith("200")));
                assertEquals(4100, lake.distinct());
                collector.stop();
                running.get();
            }
        }
    }

    private static String get(int port, String path) {
        try {
            return CollectorIT.get(port, path);
        } catch (Exception e) {
            return "error " + e;
        }
    }

    private static boolean await(java.util.function.BooleanSupplier condition) {
        for (int i = 0; i < 60; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TestBed.sleep(500);
        }
        return false;
    }
}
