package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.LakeEnv;
import io.fmslake.testkit.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a partition starts reading, with the production default {@code START_OFFSET=latest}: a partition added
 * while the collector runs, a committed offset that retention passed while the collector was stopped, and group
 * offsets that vanished while it was stopped. Each time the lake ends up with every record Kafka still holds,
 * once, counted by coordinates with DuckDB.
 */
class StartPositionIT {
    private static final Path MERGER_JAR = Path.of("..", "batch-merger", "target", "batch-merger.jar");

    @TempDir
    Path work;

    @Test
    void partitionsAddedWhileItRunsAreReadFromTheirFirstRecord() throws Exception {
        try (TestBed bed = new TestBed("grow", 3, work)) {
            Map<String, String> env = env(bed);
            env.put("PARTITION_DISCOVERY_INTERVAL", "2s");
            AtomicInteger partitions = new AtomicInteger(3);
            AtomicBoolean producing = new AtomicBoolean(true);
            try (JvmProcess collector = start(env, "grow")) {
                assertTrue(collector.awaitOutput("assigned", Duration.ofSeconds(60)), "log " + collector.log());
                Instant past = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
                CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                    int batch = 0;
                    while (producing.get()) { // event times in closed minutes: written as soon as they are idle
                        bed.produce(batch % partitions.get(), 10, past.plusMillis(100L * batch), Duration.ofMillis(10));
                        batch++;
                        TestBed.sleep(50);
                    }
                });
                try {
                    TestBed.sleep(2000);
                    bed.growTopic(6);
                    partitions.set(6);
                    TestBed.sleep(6000);
                } finally {
                    producing.set(false);
                    traffic.get();
                }
                Map<Integer, Long> end = bed.end();
                assertEquals(6, end.size());
                for (int p = 3; p < 6; p++) {
                    assertTrue(end.get(p) > 0, "records were produced to the new partition " + p + ": " + end);
                }
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(90));
                assertEquals(end.values().stream().mapToLong(Long::longValue).sum(), lake.distinct(), lake.toString());
                bed.awaitCommittedEnd(Duration.ofSeconds(30));
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), "log " + collector.log());
                assertTrue(
                        collector.output().contains("rule=earliest"),
                        "new partitions start at their earliest " + "offset; log " + collector.log());
            }
        }
    }

    @Test
    void recordsRetentionDeletedWhileItWasStoppedAreAReportedGapAndTheRestIsRead() throws Exception {
        try (TestBed bed = new TestBed("retention", 2, work)) {
            Map<String, String> env = env(bed);
            Instant t0 = firstRun(bed, env, "retention-a", 100, Duration.ofMillis(100));
            bed.produce(0, 100, t0.plus(Duration.ofMinutes(20)), Duration.ofMillis(100)); // offsets 100-199, unread
            bed.produce(1, 20, t0.plus(Duration.ofMinutes(20)), Duration.ofMillis(100));
            bed.deleteRecordsBefore(0, 150); // 100-149 never read
            assertEquals(150L, bed.begin().get(0));

            int port = Ports.free();
            try (JvmProcess collector = start(env, "retention-b", port)) {
                LakeAudit.Result lake = bed.awaitHoldsTopic(Duration.ofSeconds(60));
                assertEquals("[0-99, 150-199]", lake.ranges(0), "resumed at the log start; " + lake);
                assertEquals("[0-119]", lake.ranges(1), lake.toString());
                bed.awaitCommittedEnd(Duration.ofSeconds(30));
                String log = collector.output();
                assertTrue(
                        log.contains("WARN") && log.contains("lost to retention: partition 0 offsets [100, 150)"),
                        "the gap is logged; log " + collector.log());
                String metrics = CollectorIT.get(port, "/metrics");
                assertTrue(
                        metrics.contains("fms_collector_retention_gap_records_total{partition=\"0\"} 50.0"), metrics);
                assertTrue(bed.store().stat("_lake/gaps/p0-100-150.json").isPresent(), "the gap is recorded");

                try (JvmProcess verify = JvmProcess.ofJar(MERGER_JAR)
                        .jvmArgs("-Xmx256m")
                        .env(LakeEnv.of(bed.kafka, bed.topic, bed.s3, bed.bucket))
                        .env("COLLECTOR_GROUP_ID", bed.group)
                        .env("EVENT_TIME_FIELD", bed.env().get("EVENT_TIME_FIELD"))
                        .args("verify")
                        .log(TestBed.logFile("retention-verify"))
                        .start()) {
                    assertEquals(
                            0,
                            verify.awaitExit(Duration.ofSeconds(60)),
                            "a gap alone does not fail verify; " + verify.output());
                    String out = verify.output();
                    assertTrue(
                            out.contains("partition 0: lost to retention [100, 150): 50 offsets, 50 not in the lake"),
                            out);
                    assertTrue(out.contains("lost to retention 50"), out);
                }
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), "log " + collector.log());
            }
        }
    }

    @Test
    void groupOffsetsDeletedWhileItWasStoppedResumeFromTheLakesFooters() throws Exception {
        try (TestBed bed = new TestBed("expired", 2, work)) {
            Map<String, String> env = env(bed);
            Instant t0 = firstRun(bed, env, "expired-a", 60, Duration.ofMillis(500));
            bed.deleteGroup();
            assertEquals(Map.of(), bed.committed());
            bed.produce(0, 40, t0.plus(Duration.ofMinutes(20)), Duration.ofMillis(500));
            bed.produce(1, 40, t0.plus(Duration.ofMinutes(20)), Duration.ofMillis(500));

            int port = Ports.free();
            try (JvmProcess collector = start(env, "expired-b", port)) {
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(60));
                assertEquals(200, lake.distinct(), lake.toString());
                bed.awaitCommittedEnd(Duration.ofSeconds(30));
                String log = collector.output();
                assertTrue(
                        log.contains("start p0 at 60 rule=lake") && log.contains("start p1 at 60 rule=lake"),
                        "resumed after what the lake holds; log " + collector.log());
                String metrics = CollectorIT.get(port, "/metrics");
                assertTrue(
                        metrics.contains("fms_collector_records_already_durable_total 0.0"),
                        "nothing durable was read again: " + metrics);
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), "log " + collector.log());
            }
        }
    }

    /** START_OFFSET=latest (the default) and closed minutes written quickly. */
    private static Map<String, String> env(TestBed bed) {
        Map<String, String> env = bed.env();
        env.put("START_OFFSET", "latest");
        return env;
    }

    /**
     * The group's first run: starts a collector, once it is assigned produces {@code perPartition} records to each
     * partition with event times from 40 minutes ago (closed minutes), waits until all is durable and committed,
     * stops it with SIGTERM. Returns the first event time.
     */
    private static Instant firstRun(
            TestBed bed, Map<String, String> env, String name, long perPartition, Duration step) {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(40, ChronoUnit.MINUTES);
        try (JvmProcess collector = start(env, name)) {
            assertTrue(collector.awaitOutput("assigned", Duration.ofSeconds(60)), "log " + collector.log());
            for (int p = 0; p < bed.end().size(); p++) {
                bed.produce(p, perPartition, t0, step);
            }
            bed.awaitComplete(Duration.ofSeconds(60));
            bed.awaitCommittedEnd(Duration.ofSeconds(30));
            collector.terminate();
            assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), "log " + collector.log());
        }
        return t0;
    }

    private static JvmProcess start(Map<String, String> env, String name) {
        return start(env, name, 0);
    }

    private static JvmProcess start(Map<String, String> env, String name, int httpPort) {
        return JvmProcess.of(Main.class)
                .env(env)
                .env("HTTP_PORT", Integer.toString(httpPort))
                .log(TestBed.logFile(name))
                .start();
    }
}
