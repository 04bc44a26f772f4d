package io.fmslake.merge;

import static io.fmslake.merge.TestRows.file;
import static io.fmslake.merge.TestRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.parquet.ParquetOptions;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.DuckDb;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.LostDeleteAnswer;
import io.fmslake.testkit.S3Endpoint;
import io.fmslake.window.Level;
import io.fmslake.window.WindowCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delete of a merge input whose answer is lost after a late flush re-created the same key: the retried delete must
 * not remove the new file. Real S3 server (S3Proxy) with a fault in its backend ({@link LostDeleteAnswer}); the lake
 * is counted by its Kafka coordinates with DuckDB.
 */
class FencedDeleteIT {
    private static final Instant T10 = Instant.parse("2025-06-12T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-12T11:01:00Z");
    private static final String LATE_KEY = "minute/20250612_1001.parquet";
    private static final int MINUTES = 4;
    private static final int ROWS = 200;
    private static final int LATE_ROWS = 30;

    @TempDir
    Path tmp;

    @Test
    void aRetriedDeleteLeavesAFileReCreatedSincePlanning() {
        AtomicReference<LostDeleteAnswer> fault = new AtomicReference<>();
        try (EmbeddedS3 s3 = EmbeddedS3.startNew(b -> {
                    LostDeleteAnswer f = new LostDeleteAnswer(b);
                    fault.set(f);
                    return f;
                });
                ObjectStore store = s3.store(S3Endpoint.uniqueBucket("fenced-delete"))) {
            for (int m = 0; m < MINUTES; m++) {
                Instant t = T10.plusSeconds(60L * m);
                store.put(minuteKey(t), file(rows(0, (long) m * ROWS, (m + 1L) * ROWS, t, 100, TestRows::fms)));
            }
            // the late flush: the same minute, the same (base) name, coordinates nobody has seen yet
            byte[] late = file(rows(1, 0, LATE_ROWS, T10.plusSeconds(70), 100, TestRows::fms));
            AtomicReference<String> lateEtag = new AtomicReference<>();
            fault.get()
                    .arm(
                            LATE_KEY,
                            () -> lateEtag.set(store.tryCreate(LATE_KEY, late).orElseThrow()));

            MergeResult first = mergeHour(store);
            assertEquals(1, fault.get().fired(), "the injected lost answer happened");
            StoredObject survivor = store.stat(LATE_KEY)
                    .orElseThrow(
                            () -> new AssertionError("the retried delete removed the file re-created after planning"));
            assertEquals(lateEtag.get(), survivor.etag());
            assertEquals(1, first.leftChanged(), "the result counts the input left for the next run");
            assertEquals(MINUTES - 1, first.deleted());
            assertLakeHoldsEveryCoordinateOnce(store, MINUTES * ROWS + LATE_ROWS);

            mergeHour(store); // the next run folds the late file into the hour
            assertEquals(List.of("hour/20250612_10_11.parquet"), tierKeys(store));
            assertLakeHoldsEveryCoordinateOnce(store, MINUTES * ROWS + LATE_ROWS);
        }
    }

    private MergeResult mergeHour(ObjectStore store) {
        WindowCodec codec = codec();
        MergePlanner planner = new MergePlanner(store, new Tiering(codec, Duration.ofSeconds(20)));
        List<MergePlan> plans = planner.planRun(Level.HOUR, NOW).plans();
        assertEquals(1, plans.size(), plans.toString());
        MergeEngine engine = new MergeEngine(
                store,
                new MergeOptions(tmp.resolve("work"), ParquetOptions.defaults("SNAPPY"), 0, TestRows.TOPIC),
                Clock.systemUTC(),
                CrashPoint.Hook.NONE);
        try (MergeLease lease = WindowLeases.of(store, codec, Duration.ofMinutes(1), Duration.ZERO, Clock.systemUTC())
                .acquire(plans.get(0).target())) {
            return engine.execute(plans.get(0), lease);
        }
    }

    private void assertLakeHoldsEveryCoordinateOnce(ObjectStore store, long expected) {
        List<String> files = new ArrayList<>();
        for (String key : tierKeys(store)) {
            Path local = tmp.resolve("read-" + System.nanoTime() + "-" + key.replace('/', '_'));
            store.download(key, local);
            files.add("'" + local + "'");
        }
        try (DuckDb db = DuckDb.open()) {
            Map<String, Object> r = db.query("SELECT count(*) AS n, count(DISTINCT (_kafka_partition, _kafka_offset))"
                            + " AS d, count(*) FILTER (WHERE _kafka_partition = 1) AS late FROM read_parquet(["
                            + String.join(",", files) + "], union_by_name = true)")
                    .get(0);
            assertEquals(expected, ((Number) r.get("n")).longValue(), "rows in the lake: " + files);
            assertEquals(expected, ((Number) r.get("d")).longValue(), "distinct coordinates: nothing twice");
            assertEquals(LATE_ROWS, ((Number) r.get("late")).longValue(), "the late rows are all there");
        }
    }

    private static List<String> tierKeys(ObjectStore store) {
        List<String> keys = new ArrayList<>();
        for (Level l : Level.values()) {
            store.list(l.folder() + "/").forEach(o -> keys.add(o.key()));
        }
        assertTrue(keys.stream().allMatch(k -> k.endsWith(".parquet")), keys.toString());
        return keys;
    }

    private static String minuteKey(Instant t) {
        WindowCodec codec = codec();
        return codec.format(codec.windowOf(Level.MINUTE, t));
    }

    private static WindowCodec codec() {
        return new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    }
}
