package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.StoreInputFile;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.KafkaBroker;
import io.fmslake.testkit.S3Endpoint;
import io.fmslake.testkit.TestProducer;
import io.fmslake.window.LakeKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Windows larger than {@code TARGET_FILE_BYTES} (256 KiB here) become parts, merged within {@code MERGE_SCRATCH_BYTES},
 * late rows touch only what must change; DuckDB counts every step by Kafka coordinates.
 */
class PartsIT {
    private static final long TARGET = 256 << 10;
    private static final Instant DAY = Instant.parse("2025-06-12T00:00:00Z");
    private static final Instant WEEK = Instant.parse("2025-06-01T00:00:00Z");
    private static final String DAY_NOW = "2025-06-13T00:05:00Z";
    private static final String WEEK_NOW = "2025-06-09T00:10:00Z";

    private static Map<String, String> env(LakeFixture lake, long scratch) {
        return env(lake, TARGET, scratch);
    }

    private static Map<String, String> env(LakeFixture lake, long target, long scratch) {
        Map<String, String> env = lake.env();
        env.put("TARGET_FILE_BYTES", Long.toString(target));
        env.put("MERGE_SCRATCH_BYTES", Long.toString(scratch));
        return env;
    }

    /** Six hours of 10,000 rows (partitions 0 and 1, 30,000 offsets each) inside the day 2025-06-12. */
    private static void hours(LakeFixture lake) {
        for (int h = 0; h < 6; h++) {
            Instant t = DAY.plusSeconds(3600L * h);
            lake.write(
                    String.format("hour/20250612_%02d_%02d.parquet", h, h + 1),
                    h % 2,
                    (h / 2) * 10_000L,
                    (h / 2 + 1) * 10_000L,
                    t,
                    360);
        }
    }

    /** Three days of 25,000 rows (partition 2: 0..49,999, partition 3: 0..24,999) inside the week of 2025-06-01. */
    private static void days(LakeFixture lake) {
        lake.write("day/20250601.parquet", 2, 0, 25_000, WEEK, 3456);
        lake.write("day/20250602.parquet", 3, 0, 25_000, WEEK.plusSeconds(86_400), 3456);
        lake.write("day/20250603.parquet", 2, 25_000, 50_000, WEEK.plusSeconds(2 * 86_400), 3456);
    }

    private static Map<String, String> etags(LakeFixture lake, String folder) {
        Map<String, String> etags = new TreeMap<>();
        // the lake's files, not the services' own records under _lake/ (run status objects change every run)
        lake.store.list(folder).stream()
                .filter(o -> !o.key().startsWith("_lake/"))
                .forEach(o -> etags.put(o.key(), o.etag()));
        return etags;
    }

    /** The folder holds only parts of one window, each at most the target plus a quarter, in disjoint time ranges. */
    private static void assertParts(LakeFixture lake, String folder, int atLeast) {
        List<FileSummary> parts = new ArrayList<>();
        for (StoredObject o : lake.store.list(folder)) {
            LakeKey key = lake.codec.parse(o.key()).orElseThrow();
            assertTrue(key.isPart(), o.key());
            assertTrue(o.size() <= TARGET + TARGET / 4, o.key() + ": " + o.size() + " bytes");
            parts.add(FileFooter.read(new StoreInputFile(lake.store, o)).summary());
        }
        assertTrue(parts.size() >= atLeast, folder + " has " + parts.size() + " parts");
        parts.sort((a, b) -> Long.compare(a.minEventTime(), b.minEventTime()));
        for (int i = 1; i < parts.size(); i++) {
            assertTrue(parts.get(i).minEventTime() > parts.get(i - 1).maxEventTime(), "time ranges disjoint, sorted");
        }
    }

    private static void assertCounts(LakeFixture lake, long expected) {
        long[] counts = lake.counts();
        assertEquals(expected, counts[0], "rows");
        assertEquals(expected, counts[1], "distinct (partition, offset)");
    }

    @Test
    void aDayAndAWeekBecomePartsThatStatusAndVerifyRecogniseAndASecondRunLeavesAlone() throws Exception {
        KafkaBroker kafka = EmbeddedKafka.shared();
        String topic = S3Endpoint.uniqueBucket("parts");
        String group = topic + "-collector";
        kafka.createTopic(topic, 4);
        long[] ends = {30_000, 30_000, 50_000, 25_000};
        try (TestProducer producer = kafka.producer()) {
            for (int p = 0; p < 4; p++) {
                for (long o = 0; o < ends[p]; o++) {
                    producer.send(topic, p, DAY.toEpochMilli(), "{}");
                }
            }
            producer.flush();
        }
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>();
            for (int p = 0; p < 4; p++) {
                committed.put(new TopicPartition(topic, p), new OffsetAndMetadata(ends[p]));
            }
            admin.alterConsumerGroupOffsets(group, committed).all().get();
        }
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "parts", topic)) {
            Map<String, String> env = env(lake, 2 * TARGET);
            env.put("KAFKA_BROKERS", kafka.bootstrapServers());
            env.put("COLLECTOR_GROUP_ID", group);
            hours(lake);
            days(lake);
            assertEquals(0, lake.run(env, "day", "--now", DAY_NOW), lake.output());
            assertEquals(0, lake.run(env, "week", "--now", WEEK_NOW), lake.output());
            assertParts(lake, "day/", 3);
            assertParts(lake, "week/", 3);
            assertTrue(lake.store.list("hour/").isEmpty(), "hours folded into the day's parts");
            assertCounts(lake, 135_000);

            assertEquals(0, lake.run(env, "verify"), lake.output());
            assertTrue(lake.output().contains("expected 135000, missing 0, duplicated 0"), lake.output());
            assertEquals(0, lake.run(env, "status"), lake.output());
            String status = lake.output();
            assertTrue(status.contains("tiers: minute=0 hour=0 day=1 week=1 windows"), status);
            assertTrue(
                    status.contains(
                            "parts: hour=0 day=" + lake.store.list("day/").size() + " week="
                                    + lake.store.list("week/").size() + " files in 2 window(s)"),
                    status);
            assertTrue(status.contains("minutes with no data: "), status);

            Map<String, String> before = etags(lake, "");
            assertEquals(0, lake.run(env, "day", "--now", DAY_NOW), lake.output());
            assertEquals(0, lake.run(env, "week", "--now", WEEK_NOW), lake.output());
            assertEquals(before, etags(lake, ""), "a second run changes nothing");
        }
    }

    @Test
    void aMergeLargerThanItsScratchBudgetNeverHoldsMoreThanTheBudgetLocally() throws Exception {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "scratch")) {
            long target = 128 << 10;
            long budget = target + target / 4;
            Map<String, String> env = env(lake, target, budget);
            hours(lake);
            long window = lake.store.list("hour/").stream()
                    .mapToLong(StoredObject::size)
                    .sum();
            assertTrue(window > 2 * budget, "the day's " + window + " bytes exceed the budget " + budget + " twice");
            Path scratch = Path.of(env.get("MERGE_TMP_DIR"));
            AtomicLong peak = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread watcher = new Thread(
                    () -> {
                        while (running.get()) {
                            peak.accumulateAndGet(bytesUnder(scratch), Math::max);
                        }
                    },
                    "scratch-watcher");
            watcher.start();
            try {
                assertEquals(0, lake.run(env, "day", "--now", DAY_NOW), lake.output());
            } finally {
                running.set(false);
                watcher.join();
            }
            System.out.printf(
                    "scratch budget %d bytes, window %d bytes, peak seen %d bytes%n", budget, window, peak.get());
            assertTrue(peak.get() > 0, "the watcher saw the scratch directory in use");
            assertTrue(peak.get() <= budget, "peak " + peak.get() + " bytes in " + scratch + ", budget " + budget);
            assertParts(lake, "day/", 3);
            assertCounts(lake, 60_000);
        }
    }

    @Test
    void lateRowsIntoAWeekOfPartsWriteOneSmallPartAndContainedRowsNoPartAtAll() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "late-parts")) {
            Map<String, String> env = env(lake, 2 * TARGET);
            days(lake);
            assertEquals(0, lake.run(env, "week", "--now", WEEK_NOW), lake.output());
            assertParts(lake, "week/", 3);
            Map<String, String> before = etags(lake, "week/");

            // a late minute on Monday noon: 50 new offsets of partition 2
            lake.write(
                    "minute/20250602_1200-p2o50000.parquet",
                    2,
                    50_000,
                    50_050,
                    Instant.parse("2025-06-02T12:00:00Z"),
                    1000);
            assertEquals(0, lake.run(env, "week", "--now", WEEK_NOW), lake.output());
            Map<String, String> after = etags(lake, "week/");
            Set<String> added = new HashSet<>(after.keySet());
            added.removeAll(before.keySet());
            Set<String> removed = new HashSet<>(before.keySet());
            removed.removeAll(after.keySet());
            assertEquals(1, added.size(), "one new part: " + added);
            assertTrue(removed.size() <= 1, "at most the one small part rewritten with it: " + removed);
            for (String key : before.keySet()) {
                if (!removed.contains(key)) {
                    assertEquals(before.get(key), after.get(key), key + " untouched");
                }
            }
            assertTrue(lake.store.list("minute/").isEmpty(), "the late file is deleted");
            assertCounts(lake, 75_050);

            // a replay of rows the week holds already: deleted, nothing written
            lake.write(
                    "minute/20250602_0005-p3o100.parquet",
                    3,
                    100,
                    150,
                    Instant.parse("2025-06-02T00:05:45.600Z"),
                    3456);
            assertEquals(0, lake.run(env, "week", "--now", WEEK_NOW), lake.output());
            assertTrue(lake.output().contains("DELETE_ONLY"), lake.output());
            assertEquals(after, etags(lake, "week/"), "no part written or replaced");
            assertTrue(lake.store.list("minute/").isEmpty(), "the contained file is deleted");
            assertCounts(lake, 75_050);
        }
    }

    private static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(p -> p.toFile().isFile() ? p.toFile().length() : 0)
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a file vanished while walking: look again
        }
    }
}
