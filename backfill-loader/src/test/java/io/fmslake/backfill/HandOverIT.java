package io.fmslake.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.kafka.Offsets;
import io.fmslake.store.ObjectStore;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.LakeEnv;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-over with the real collector ({@code realtime-collector.jar} in its own JVM) in every start order: the
 * backfill first, the collector first, both at once; and with an Indexed Job of two backfill pods (separate JVMs,
 * loading in chunks) whose index 1 starts first, before the collector or while the collector starts. History,
 * records produced while both run, and records after the backfill end up in the lake exactly once (DuckDB counts by
 * coordinates), dead letters too.
 */
class HandOverIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private final EmbeddedKafka kafka = EmbeddedKafka.shared();
    private final EmbeddedS3 s3 = EmbeddedS3.shared();
    private final History history = new History();
    private String topic;
    private String group;
    private Map<String, String> env;
    private Admin admin;

    @BeforeEach
    void setUp() {
        topic = "handover-" + UUID.randomUUID();
        group = "collector-" + UUID.randomUUID();
        History.createTopic(kafka, topic, 3);
        env = Backfills.env(kafka, s3, topic);
        env.put("COLLECTOR_GROUP_ID", group);
        env.put("WINDOW_GRACE", "2s");
        admin = kafka.admin();
        history.produce(kafka, topic, 3, 400, Instant.now().minus(Duration.ofMinutes(10)), Duration.ofDays(10), 7);
    }

    @AfterEach
    void tearDown() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void backfillFirst() throws Exception {
        Summary backfill = Backfills.run(env, Instant.now(), false);
        assertEquals(history.records(), backfill.records());
        assertEquals(
                new Offsets(admin, Duration.ofSeconds(30)).end(topic),
                backfill.handOver(),
                "with no collector yet, the backfill records the end offsets as the hand-over point");
        try (JvmProcess collector = CollectorProcess.start(collectorEnv())) {
            assertTrue(collector.awaitOutput("assigned", WAIT), collector.output());
            produceLive(11);
            awaitCollectorCommitted(collector);
            collector.terminate();
            assertEquals(0, collector.awaitExit(WAIT), collector.output());
            assertFalse(
                    collector.output().contains("no committed offset for"),
                    "the collector started at the " + "hand-over point the backfill recorded: " + collector.output());
        }
        assertLake();
    }

    @Test
    void collectorFirst() throws Exception {
        try (JvmProcess collector = CollectorProcess.start(collectorEnv())) {
            assertTrue(collector.awaitOutput("as the hand-over point for the backfill", WAIT), collector.output());
            produceLive(12);
            awaitCollectorCommitted(collector);
            long live = history.records();

            Summary backfill = Backfills.run(env, Instant.now(), false);
            assertEquals(
                    live,
                    backfill.records(),
                    "the backfill reads up to the collector's committed offsets, "
                            + "so it also reads the live records the collector already wrote (deduplicated)");

            produceLive(13);
            awaitCollectorCommitted(collector);
            collector.terminate();
            assertEquals(0, collector.awaitExit(WAIT), collector.output());
        }
        assertLake();
    }

    @Test
    void bothAtOnce() throws Exception {
        try (JvmProcess collector = CollectorProcess.start(collectorEnv())) {
            CompletableFuture<Summary> backfill = CompletableFuture.supplyAsync(() -> {
                try {
                    return Backfills.run(env, Instant.now(), false);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            produceLive(14);
            Summary done = backfill.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(done.records() >= 1200, "the history at least: " + done.records());
            assertTrue(collector.awaitOutput("assigned", WAIT), collector.output());
            produceLive(15); // the collector's own part, whichever way the race went
            awaitCollectorCommitted(collector);
            collector.terminate();
            assertEquals(0, collector.awaitExit(WAIT), collector.output());
        }
        assertLake();
    }

    /** An Indexed Job of two pods before the collector; index 1 starts first and waits for index 0's record. */
    @Test
    void indexedPodsFirstIndexOneBeforeIndexZero() throws Exception {
        env.put("BACKFILL_CHUNK_RECORDS", "500");
        Map<Integer, Long> end = new Offsets(admin, Duration.ofSeconds(30)).end(topic);
        try (JvmProcess one = Pods.pod(env, Instant.now(), 1, 2).start()) {
            assertTrue(one.awaitOutput("waiting for index 0 of the Job", WAIT), one.output());
            try (JvmProcess zero = Pods.pod(env, Instant.now(), 0, 2).start()) {
                assertTrue(Pods.awaitSuccess(zero).contains("recorded the hand-over for collector group"));
                assertFalse(Pods.awaitSuccess(one).contains("recorded the hand-over"), one.output());
            }
        }
        assertEquals(
                end,
                new Offsets(admin, Duration.ofSeconds(30)).committed(group, topic),
                "index 0 recorded the end offsets of every partition, once");
        try (JvmProcess collector = CollectorProcess.start(collectorEnv())) {
            assertTrue(collector.awaitOutput("assigned", WAIT), collector.output());
            produceLive(16);
            awaitCollectorCommitted(collector);
            collector.terminate();
            assertEquals(0, collector.awaitExit(WAIT), collector.output());
            assertFalse(collector.output().contains("no committed offset for"), collector.output());
        }
        assertLake();
    }

    /**
     * Index 1 waits for index 0; the collector starts meanwhile (its very first start: it commits its start as the
     * hand-over point), index 1 takes that, and index 0, started last, finds every partition committed.
     */
    @Test
    void collectorStartsWhileIndexOneWaitsForIndexZero() throws Exception {
        env.put("BACKFILL_CHUNK_RECORDS", "500");
        try (JvmProcess one = Pods.pod(env, Instant.now(), 1, 2).start()) {
            assertTrue(one.awaitOutput("waiting for index 0 of the Job", WAIT), one.output());
            try (JvmProcess collector = CollectorProcess.start(collectorEnv())) {
                assertTrue(collector.awaitOutput("as the hand-over point for the backfill", WAIT), collector.output());
                produceLive(17);
                Pods.awaitSuccess(one);
                try (JvmProcess zero = Pods.pod(env, Instant.now(), 0, 2).start()) {
                    assertFalse(Pods.awaitSuccess(zero).contains("recorded the hand-over"), zero.output());
                }
                produceLive(18);
                awaitCollectorCommitted(collector);
                collector.terminate();
                assertEquals(0, collector.awaitExit(WAIT), collector.output());
            }
        }
        assertLake();
    }

    private Map<String, String> collectorEnv() {
        Map<String, String> c = LakeEnv.of(kafka, topic, group, s3, env.get("MINIO_BUCKET"));
        c.put("WINDOW_GRACE", "2s");
        c.put("START_OFFSET", "latest");
        c.put("FLUSH_IDLE", "500ms");
        c.put("LATE_FLUSH_INTERVAL", "1s");
        return c;
    }

    /** Records of the last minutes, produced while the collector runs: its part (or both parts, deduplicated). */
    private void produceLive(long seed) {
        history.produce(kafka, topic, 3, 50, Instant.now().minus(Duration.ofMinutes(2)), Duration.ofMinutes(3), seed);
    }

    private void awaitCollectorCommitted(JvmProcess collector) throws InterruptedException {
        Offsets offsets = new Offsets(admin, Duration.ofSeconds(30));
        Map<Integer, Long> end = offsets.end(topic);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!offsets.committed(group, topic).equals(end)) {
            assertTrue(
                    System.nanoTime() < deadline,
                    "the collector did not commit " + end + ": " + offsets.committed(group, topic) + "\n"
                            + collector.output());
            Thread.sleep(200);
        }
    }

    private void assertLake() {
        try (ObjectStore store = Backfills.store(env)) {
            LakeAssertions.assertExactlyOnce(new Lake(store, Backfills.UTC), history);
        }
    }
}
