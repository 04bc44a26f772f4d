package io.fmslake.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.backfill.load.LoadPlan;
import io.fmslake.backfill.tier.TierRouter;
import io.fmslake.kafka.Offsets;
import io.fmslake.status.JobStatus;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.LakeEnv;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The backfill as an Indexed Job: pods in separate JVMs, each with {@code BACKFILL_SHARDS} and its
 * {@code JOB_COMPLETION_INDEX}, each loading its partitions in chunks that it commits as it goes. Together they load
 * the exact lake (DuckDB counts every coordinate, before and after the merger rolls it up and {@code verify} checks
 * it); a pod killed (kill -9) after its first chunk resumes after that chunk.
 */
class IndexedBackfillIT {
    private static final long TARGET = 64 << 10;
    private final EmbeddedKafka kafka = EmbeddedKafka.shared();
    private final EmbeddedS3 s3 = EmbeddedS3.shared();

    @Test
    void threePodsLoadDisjointPartitionsInChunksAndTogetherTheExactLake() {
        String topic = "indexed-" + UUID.randomUUID();
        Instant now = Backfills.now();
        History history = History.weeks(kafka, topic, 6, 1_000, 100, now, 21);
        Map<String, String> env = Backfills.env(kafka, s3, topic);
        env.put("BACKFILL_CHUNK_RECORDS", "800"); // 2 partitions of 1,100 records per pod: 3 chunks each
        env.put("TARGET_FILE_BYTES", Long.toString(TARGET)); // weeks and days of several parts

        List<String> outputs = new ArrayList<>();
        List<JvmProcess> pods = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                pods.add(Pods.pod(env, now, i, 3).start());
            }
            pods.forEach(p -> outputs.add(Pods.awaitSuccess(p)));
        } finally {
            pods.forEach(JvmProcess::close);
        }
        for (int i = 0; i < 3; i++) {
            String out = outputs.get(i);
            assertTrue(out.contains("shard " + i + "/3 (partitions p with p mod 3 = " + i + "), 3 chunk(s)"), out);
            assertTrue(
                    out.contains("loaded offsets {" + i + "=0, " + (i + 3) + "=0} up to the hand-over point {" + i
                            + "=1100, " + (i + 3) + "=1100}"),
                    "only its own partitions: " + out);
            assertEquals(2_200, Pods.recordsRead(out), out);
            assertEquals(
                    i == 0,
                    out.contains("recorded the hand-over for collector group"),
                    "index 0 alone " + "records the hand-over: " + out);
        }
        try (Admin admin = kafka.admin();
                ObjectStore store = Backfills.store(env)) {
            Offsets offsets = new Offsets(admin, Duration.ofSeconds(30));
            Map<Integer, Long> end = offsets.end(topic);
            assertEquals(end, offsets.committed(BackfillSettings.DEFAULT_COLLECTOR_GROUP_ID, topic));
            assertEquals(end, offsets.committed(BackfillSettings.DEFAULT_GROUP_ID, topic), "every pod's range done");
            for (int i = 0; i < 3; i++) {
                JobStatus status = status(store, JobStatus.BACKFILL + "-" + i);
                assertEquals(JobStatus.Outcome.SUCCESS, status.outcome(), status.toString());
            }

            Lake lake = new Lake(store, Backfills.UTC);
            TierRouter router = Backfills.router(now);
            for (Lake.Row r : LakeAssertions.assertExactlyOnce(lake, history)) {
                assertEquals(
                        router.targetOf(history.rows.get(r.coord())),
                        lake.parse(r.key()).window(),
                        r + " is in a file of its tier");
            }
            Map<Window, Integer> parts = assertAtMostOneSmallFilePerWindow(lake);
            assertTrue(parts.values().stream().anyMatch(n -> n >= 3), "windows of several parts: " + parts);

            Map<String, String> mergerEnv = LakeEnv.of(kafka, topic, s3, env.get("MINIO_BUCKET"));
            mergerEnv.put("TARGET_FILE_BYTES", Long.toString(TARGET));
            Pods.Ran week = Pods.merger(
                    mergerEnv, "week", "--now", now.plus(Duration.ofDays(8)).toString());
            assertEquals(0, week.status(), week.output());
            Pods.Ran verify = Pods.merger(mergerEnv, "verify");
            assertEquals(0, verify.status(), "verify: nothing missing, nothing twice\n" + verify.output());
            LakeAssertions.assertExactlyOnce(lake, history);
            assertEquals(List.of(), lake.keys("minute"), "the week run rolled everything up");
            assertAtMostOneSmallFilePerWindow(lake);
        }
    }

    @Test
    void aPodKilledAfterItsFirstChunkResumesAfterIt() {
        String topic = "indexed-kill-" + UUID.randomUUID();
        Instant now = Backfills.now();
        History history = History.weeks(kafka, topic, 4, 600, 60, now, 23);
        Map<String, String> env = Backfills.env(kafka, s3, topic);
        env.put("BACKFILL_CHUNK_RECORDS", "500"); // 2 partitions of 660 records per pod: 3 chunks of 220 each

        Map<Integer, Long> firstChunk;
        try (Admin admin = kafka.admin();
                JvmProcess zero = Pods.pod(env, now, 0, 2).start();
                JvmProcess one = Pods.pod(env, now, 1, 2)
                        .env(TestHooks.PAUSE_VARIABLE, "chunk-committed")
                        .start()) {
            assertTrue(one.awaitOutput("test hook: paused at chunk-committed", Pods.WAIT), one.output());
            one.kill();
            Offsets offsets = new Offsets(admin, Duration.ofSeconds(30));
            Map<Integer, Long> end = offsets.end(topic);
            firstChunk = LoadPlan.of(offsets.beginning(topic), end, Map.of(), Map.of(1, end.get(1), 3, end.get(3)))
                    .chunks(500)
                    .get(0)
                    .ends();
            assertEquals(Map.of(1, 220L, 3, 220L), firstChunk);
            Map<Integer, Long> committed = new TreeMap<>(offsets.committed(BackfillSettings.DEFAULT_GROUP_ID, topic));
            committed.keySet().retainAll(List.of(1, 3));
            assertEquals(firstChunk, committed, "the killed pod committed its first chunk, and only that");
            Pods.awaitSuccess(zero);
        }
        String rerun;
        try (JvmProcess again = Pods.pod(env, now, 1, 2).start()) {
            rerun = Pods.awaitSuccess(again);
        }
        assertTrue(rerun.contains("loaded offsets {1=220, 3=220} up to the hand-over point {1=660, 3=660}"), rerun);
        assertEquals(
                2 * (660 - 220),
                Pods.recordsRead(rerun),
                "the rerun read only what followed the committed " + "chunk: " + rerun);
        assertFalse(rerun.contains("recorded the hand-over"), rerun);
        try (ObjectStore store = Backfills.store(env)) {
            LakeAssertions.assertLoaded(new Lake(store, Backfills.UTC), history, Backfills.router(now), Backfills.UTC);
        }
    }

    /**
     * Chunks and pods each fold their rows of a window into it by the fold rule, which rewrites the window's files
     * under a quarter of the target together with the new rows: so a window never holds more than one such file,
     * whatever the number of chunks. Returns the merged files per window.
     */
    private static Map<Window, Integer> assertAtMostOneSmallFilePerWindow(Lake lake) {
        Map<Window, Integer> files = new TreeMap<>();
        Map<Window, Integer> small = new TreeMap<>();
        for (Map.Entry<String, StoredObject> e : lake.listing().entrySet()) {
            LakeKey key = lake.parse(e.getKey());
            if (key.deadLetter() || key.window().level() == Level.MINUTE) {
                continue;
            }
            files.merge(key.window(), 1, Integer::sum);
            if (e.getValue().size() < TARGET / 4) {
                small.merge(key.window(), 1, Integer::sum);
            }
        }
        small.forEach((w, n) -> assertEquals(
                1,
                n,
                w + " holds " + n + " files under a quarter of the target: "
                        + lake.listing().keySet()));
        return files;
    }

    private static JobStatus status(ObjectStore store, String job) {
        try (InputStream in = store.open(JobStatus.key(job))) {
            return JobStatus.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
