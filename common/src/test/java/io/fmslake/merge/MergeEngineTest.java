package io.fmslake.merge;

import static io.fmslake.merge.TestRows.file;
import static io.fmslake.merge.TestRows.read;
import static io.fmslake.merge.TestRows.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.row.JsonObject;
import io.fmslake.row.OffsetSet;
import io.fmslake.row.Row;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import io.fmslake.window.Level;
import io.fmslake.window.WindowCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeEngineTest {
    private static final Instant T10 = Instant.parse("2025-06-12T10:00:00Z");
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final MergePlanner planner = new MergePlanner(store, new Tiering(codec, Duration.ofSeconds(20)));
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-13T00:05:00Z"));

    @TempDir
    Path tmp;

    private final FakeTicker ticker = new FakeTicker();
    private static final String LEASE_KEY = "_lease/hour/20250612_10_11.json";
    private MergeLease lease;

    @BeforeEach
    void lease() {
        lease = MergeLease.acquire(
                store,
                new LeaseTerms(LEASE_KEY, Duration.ofMinutes(2), Duration.ZERO, Duration.ofSeconds(1)),
                "test",
                clock,
                ticker,
                clock::advance);
    }

    /** Another process took the lease over while this one was away past its validity. */
    private void leaseTakenOver() {
        ticker.advance(Duration.ofMinutes(3));
        store.put(LEASE_KEY, "{\"owner\":\"other\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private MergeEngine engine(long byteCopyMin, CrashPoint.Hook hook) {
        return engine(byteCopyMin, false, hook);
    }

    private MergeEngine engine(long byteCopyMin, boolean hourByteCopy, CrashPoint.Hook hook) {
        return new MergeEngine(
                store,
                new MergeOptions(
                        tmp.resolve("work"),
                        ParquetOptions.defaults("SNAPPY"),
                        byteCopyMin,
                        hourByteCopy,
                        TestRows.TOPIC,
                        false,
                        2),
                clock,
                hook);
    }

    private MergeResult mergeOnly(Level level, long byteCopyMin) {
        return mergeOnly(level, byteCopyMin, false);
    }

    private MergeResult mergeOnly(Level level, long byteCopyMin, boolean hourByteCopy) {
        List<MergePlan> plans = planner.planRun(level, clock.instant()).plans();
        assertEquals(1, plans.size(), plans.toString());
        return engine(byteCopyMin, hourByteCopy, CrashPoint.Hook.NONE).execute(plans.get(0), lease);
    }

    private static void assertLakeOrder(List<Row> rows) {
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).compareTo(rows.get(i)) < 0, "row " + i + " out of order");
        }
    }

    @Test
    void minuteFilesBecomeOneSortedDeduplicatedHour() throws IOException {
        store.put("minute/20250612_1000.parquet", file(rows(0, 0, 100, T10, 500, TestRows::fms)));
        store.put("minute/20250612_1000-p1o0.parquet", file(rows(1, 0, 50, T10.plusMillis(250), 1000, TestRows::fms)));
        // a replay wrote offsets 90..119 of partition 0 again: 90..99 are duplicates
        store.put(
                "minute/20250612_1001-p0o90.parquet", file(rows(0, 90, 120, T10.plusSeconds(45), 500, TestRows::fms)));
        MergeResult r = mergeOnly(Level.HOUR, 0);
        assertEquals(MergeResult.Strategy.REENCODE, r.strategy());
        assertEquals(170, r.rows());
        assertEquals(10, r.duplicates());
        assertEquals(
                List.of("hour/20250612_10_11.parquet"),
                store.list("").stream()
                        .map(o -> o.key())
                        .filter(k -> !k.startsWith("_lease"))
                        .toList());
        List<Row> merged = read(store.bytes("hour/20250612_10_11.parquet"));
        assertEquals(170, merged.size());
        assertLakeOrder(merged);
        FileSummary s = TestRows.summary(store.bytes("hour/20250612_10_11.parquet"));
        assertEquals(OffsetSet.decode("0:0-119;1:0-49"), s.offsets());
        assertEquals(T10.toEpochMilli(), s.minEventTime());
        try (var left = Files.list(tmp.resolve("work"))) {
            assertEquals(0, left.count(), "work directory cleaned");
        }
    }

    @Test
    void schemasAreUnitedWithWideningAndConflictsBecomeText() {
        store.put(
                "minute/20250612_1000.parquet",
                file(rows(0, 0, 3, T10, 1000, o -> new JsonObject(new String[] {"speed"}, new Object[] {o}))));
        store.put(
                "minute/20250612_1001.parquet",
                file(rows(
                        0,
                        3,
                        6,
                        T10.plusSeconds(60),
                        1000,
                        o -> new JsonObject(new String[] {"fuel", "speed"}, new Object[] {"full", o + 0.5}))));
        store.put(
                "minute/20250612_1002.parquet",
                file(rows(
                        0,
                        6,
                        9,
                        T10.plusSeconds(120),
                        1000,
                        o -> new JsonObject(new String[] {"fuel", "speed"}, new Object[] {42L, o + 0.25}))));
        mergeOnly(Level.HOUR, 0);
        List<Row> merged = read(store.bytes("hour/20250612_10_11.parquet"));
        assertEquals(9, merged.size());
        assertEquals(0.0, merged.get(0).payload().get("speed"));
        assertEquals(null, merged.get(0).payload().get("fuel"));
        assertEquals(3.5, merged.get(3).payload().get("speed"));
        assertEquals("full", merged.get(3).payload().get("fuel"));
        assertEquals("42", merged.get(6).payload().get("fuel"), "long and string conflict: kept as JSON text");
    }

    @Test
    void largeDisjointInputsWithIdenticalSchemasAreCopiedByteForByte() {
        store.put("hour/20250612_10_11.parquet", file(rows(0, 0, 1000, T10, 1000, TestRows::fms)));
        store.put("hour/20250612_11_12.parquet", file(rows(0, 1000, 2000, T10.plusSeconds(3600), 1000, TestRows::fms)));
        MergeResult r = mergeOnly(Level.DAY, 0);
        assertEquals(MergeResult.Strategy.BYTE_COPY, r.strategy());
        byte[] day = store.bytes("day/20250612.parquet");
        List<Row> merged = read(day);
        assertEquals(2000, merged.size());
        assertLakeOrder(merged);
        FileSummary s = TestRows.summary(day);
        assertEquals(OffsetSet.decode("0:0-1999"), s.offsets());
        assertEquals(2000, s.rows());
        assertEquals(T10.toEpochMilli(), s.minEventTime());
        assertEquals(T10.plusSeconds(3600 + 999).toEpochMilli(), s.maxEventTime());
        assertEquals(
                List.of(LEASE_KEY, "day/20250612.parquet"),
                store.list("").stream().map(o -> o.key()).toList());
    }

    @Test
    void smallRowGroupsAreCopiedColumnByColumnIntoOneRowGroup() {
        store.put("hour/20250612_10_11.parquet", file(rows(0, 0, 10, T10, 1000, TestRows::fms)));
        store.put("hour/20250612_11_12.parquet", file(rows(0, 10, 20, T10.plusSeconds(3600), 1000, TestRows::fms)));
        assertEquals(
                MergeResult.Strategy.COLUMN_COPY, mergeOnly(Level.DAY, 8L << 20).strategy());
        assertEquals(20, read(store.bytes("day/20250612.parquet")).size());
        assertEquals(1, TestRows.rowGroups(store.bytes("day/20250612.parquet")));
    }

    @Test
    void concatenableMinuteFilesOfAnHourAreByteCopiedWhenHourByteCopyIsOn() {
        List<Row> expected = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            Instant start = T10.plusSeconds(60L * m);
            byte[] bytes = file(rows(0, m * 20, m * 20 + 20, start, 1000, TestRows::fms));
            expected.addAll(read(bytes));
            store.put(codec.format(codec.windowOf(Level.MINUTE, start)), bytes);
        }
        assertEquals(
                MergeResult.Strategy.BYTE_COPY,
                mergeOnly(Level.HOUR, 8L << 20, true).strategy());
        byte[] hour = store.bytes("hour/20250612_10_11.parquet");
        assertEquals(3, TestRows.rowGroups(hour));
        List<Row> merged = read(hour);
        assertEquals(expected.size(), merged.size());
        for (int i = 0; i < merged.size(); i++) {
            assertEquals(expected.get(i).payload(), merged.get(i).payload());
            assertTrue(expected.get(i).sameRecord(merged.get(i)));
        }
    }

    @Test
    void columnCopyKeepsNestedValuesListsAndNullsExactly() {
        List<Row> expected = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            Instant start = T10.plusSeconds(60L * m);
            byte[] bytes = file(rows(m % 2, m * 50, m * 50 + 50, start, 1000, MergeEngineTest::varied));
            expected.addAll(read(bytes));
            store.put(codec.format(codec.windowOf(Level.MINUTE, start)), bytes);
        }
        MergeResult r = mergeOnly(Level.HOUR, 8L << 20);
        assertEquals(MergeResult.Strategy.COLUMN_COPY, r.strategy());
        List<Row> merged = read(store.bytes("hour/20250612_10_11.parquet"));
        assertEquals(expected.size(), merged.size());
        for (int i = 0; i < merged.size(); i++) {
            Row want = expected.get(i);
            Row got = merged.get(i);
            assertEquals(want.payload(), got.payload(), "row " + i);
            assertEquals(
                    List.of(
                            want.partition(),
                            want.offset(),
                            want.eventTime(),
                            want.kafkaTimestamp(),
                            want.ingestTime()),
                    List.of(got.partition(), got.offset(), got.eventTime(), got.kafkaTimestamp(), got.ingestTime()));
            assertEquals(want.key(), got.key());
        }
    }

    @Test
    void columnCopyAcrossManyStepsPagesAndRowGroupsKeepsEveryValue() {
        List<Row> expected = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            Instant start = T10.plusSeconds(60L * m);
            byte[] bytes = file(rows(m % 3, 0, 6000, start, 10, MergeEngineTest::varied));
            expected.addAll(read(bytes));
            store.put(codec.format(codec.windowOf(Level.MINUTE, start)), bytes);
        }
        MergePlan plan = planner.planRun(Level.HOUR, clock.instant()).plans().get(0);
        MergeEngine small = new MergeEngine(
                store,
                new MergeOptions(
                        tmp.resolve("work"),
                        new ParquetOptions("SNAPPY", 64 * 1024, 4096),
                        8L << 20,
                        false,
                        TestRows.TOPIC,
                        false,
                        3),
                clock,
                CrashPoint.Hook.NONE);
        assertEquals(
                MergeResult.Strategy.COLUMN_COPY, small.execute(plan, lease).strategy());
        byte[] hour = store.bytes("hour/20250612_10_11.parquet");
        assertTrue(TestRows.rowGroups(hour) > 2, "several row groups of 64 KiB");
        List<Row> merged = read(hour);
        assertEquals(expected.size(), merged.size());
        for (int i = 0; i < merged.size(); i++) {
            assertEquals(expected.get(i).payload(), merged.get(i).payload(), "row " + i);
            assertTrue(expected.get(i).sameRecord(merged.get(i)));
        }
    }

    /** Every file gets every shape: nested objects, lists (empty, null, with nulls), nulls, so schemas are identical. */
    private static JsonObject varied(long o) {
        Object tags = switch ((int) (o % 4)) {
            case 0 -> List.of("a", "b" + o);
            case 1 -> List.of();
            case 2 -> null;
            default -> java.util.Arrays.asList("x", null);
        };
        Object pos = o % 3 == 0
                ? null
                : new JsonObject(new String[] {"lat", "lon", "trail"}, new Object[] {
                    37.5 + o / 1000.0, o % 5 == 0 ? null : 127.0, List.of(List.of(o, o + 1L), List.of())
                });
        return new JsonObject(
                new String[] {"ok", "pos", "speed", "tags"},
                new Object[] {o % 2 == 0, pos, o % 7 == 0 ? null : (double) o, tags});
    }

    @Test
    void lateDataIsMergedIntoTheExistingTarget() {
        store.put("hour/20250612_10_11.parquet", file(rows(0, 0, 100, T10, 1000, TestRows::fms)));
        store.put(
                "minute/20250612_1030-p0o100.parquet",
                file(rows(0, 100, 110, T10.plusSeconds(1800), 1000, TestRows::fms)));
        MergeResult r = mergeOnly(Level.HOUR, 0);
        assertEquals(110, r.rows());
        assertEquals(1, r.deleted());
        assertEquals(110, read(store.bytes("hour/20250612_10_11.parquet")).size());
        assertTrue(store.list("minute/").isEmpty());
    }

    @Test
    void aSingleInputIsPublishedUnchanged() {
        byte[] minute = file(rows(0, 0, 10, T10, 1000, TestRows::fms));
        store.put("minute/20250612_1000.parquet", minute);
        assertEquals(MergeResult.Strategy.SINGLE, mergeOnly(Level.HOUR, 0).strategy());
        assertArrayEquals(minute, store.bytes("hour/20250612_10_11.parquet"));
    }

    @Test
    void aLostLeaseStopsBeforeAnythingIsPublishedOrDeleted() {
        store.put("minute/20250612_1000.parquet", file(rows(0, 0, 10, T10, 1000, TestRows::fms)));
        MergePlan plan = planner.planRun(Level.HOUR, clock.instant()).plans().get(0);
        leaseTakenOver();
        assertThrows(
                LeaseLostException.class, () -> engine(0, CrashPoint.Hook.NONE).execute(plan, lease));
        assertTrue(store.stat("hour/20250612_10_11.parquet").isEmpty());
        assertTrue(store.stat("minute/20250612_1000.parquet").isPresent());
    }

    @Test
    void aRunPausedBeforeItsUploadWhileAnotherPublishedIsRefusedAndReportsTheLostLease() {
        store.put("minute/20250612_1000.parquet", file(rows(0, 0, 10, T10, 1000, TestRows::fms)));
        store.put("minute/20250612_1001.parquet", file(rows(0, 10, 20, T10.plusSeconds(60), 1000, TestRows::fms)));
        MergePlan plan = planner.planRun(Level.HOUR, clock.instant()).plans().get(0);
        byte[] newer = file(rows(0, 0, 30, T10, 1000, TestRows::fms));
        LeaseLostException e = assertThrows(
                LeaseLostException.class,
                () -> engine(0, p -> {
                            if (p
                                    == CrashPoint
                                            .BEFORE_UPLOAD) { // paused past the TTL: another run merged and published
                                // meanwhile
                                leaseTakenOver();
                                store.put("hour/20250612_10_11.parquet", newer);
                            }
                        })
                        .execute(plan, lease));
        assertTrue(e.getMessage().contains("lease lost"), e.getMessage());
        assertArrayEquals(newer, store.bytes("hour/20250612_10_11.parquet"), "the newer target is not overwritten");
        assertEquals(2, store.list("minute/").size(), "nothing deleted");
    }

    @Test
    void aRunWhoseLeaseWasLostAfterItsUploadDeletesNothing() {
        store.put("minute/20250612_1000.parquet", file(rows(0, 0, 10, T10, 1000, TestRows::fms)));
        store.put("minute/20250612_1001.parquet", file(rows(0, 10, 20, T10.plusSeconds(60), 1000, TestRows::fms)));
        MergePlan plan = planner.planRun(Level.HOUR, clock.instant()).plans().get(0);
        assertThrows(
                LeaseLostException.class,
                () -> engine(0, p -> {
                            if (p == CrashPoint.AFTER_UPLOAD) {
                                leaseTakenOver();
                            }
                        })
                        .execute(plan, lease));
        assertEquals(2, store.list("minute/").size());
    }

    @Test
    void anInputReCreatedSincePlanningIsLeftForTheNextRun() {
        store.put("minute/20250612_1000.parquet", file(rows(0, 0, 10, T10, 1000, TestRows::fms)));
        store.put("minute/20250612_1001.parquet", file(rows(0, 10, 20, T10.plusSeconds(60), 1000, TestRows::fms)));
        MergePlan plan = planner.planRun(Level.HOUR, clock.instant()).plans().get(0);
        byte[] late = file(rows(1, 0, 5, T10.plusSeconds(70), 1000, TestRows::fms));
        MergeResult r = engine(0, p -> {
                    if (p == CrashPoint.AFTER_UPLOAD) { // deleted by someone, then re-created by a late flush
                        store.delete("minute/20250612_1001.parquet");
                        store.put("minute/20250612_1001.parquet", late);
                    }
                })
                .execute(plan, lease);
        assertEquals(1, r.deleted());
        assertEquals(1, r.leftChanged());
        assertArrayEquals(late, store.bytes("minute/20250612_1001.parquet"));
        assertEquals(25, mergeOnly(Level.HOUR, 0).rows(), "the next run folds it in");
    }

    @Test
    void aTargetChangedSincePlanningIsNotOverwritten() {
        store.put("minute/20250612_1000.parquet", file(rows(0, 0, 10, T10, 1000, TestRows::fms)));
        store.put("minute/20250612_1001.parquet", file(rows(0, 10, 20, T10.plusSeconds(60), 1000, TestRows::fms)));
        MergePlan plan = planner.planRun(Level.HOUR, clock.instant()).plans().get(0);
        store.put("hour/20250612_10_11.parquet", file(rows(0, 20, 30, T10.plusSeconds(120), 1000, TestRows::fms)));
        MergeException e = assertThrows(
                MergeException.class, () -> engine(0, CrashPoint.Hook.NONE).execute(plan, lease));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertEquals(10, read(store.bytes("hour/20250612_10_11.parquet")).size());
        assertEquals(2, store.list("minute/").size());
    }

    @Test
    void aCrashAfterUploadOrMidDeleteConvergesOnRerun() {
        for (CrashPoint point : new CrashPoint[] {
            CrashPoint.READING, CrashPoint.BEFORE_UPLOAD, CrashPoint.AFTER_UPLOAD, CrashPoint.MID_DELETE
        }) {
            store.list("").forEach(o -> store.delete(o.key()));
            lease();
            List<Row> all = new ArrayList<>();
            for (int m = 0; m < 4; m++) {
                List<Row> rows = rows(0, m * 10, m * 10 + 10, T10.plusSeconds(60L * m), 1000, TestRows::fms);
                all.addAll(rows);
                store.put(codec.format(codec.windowOf(Level.MINUTE, T10.plusSeconds(60L * m))), file(rows));
            }
            MergePlan plan =
                    planner.planRun(Level.HOUR, clock.instant()).plans().get(0);
            assertThrows(
                    SimulatedCrash.class,
                    () -> engine(0, p -> {
                                if (p == point) {
                                    throw new SimulatedCrash();
                                }
                            })
                            .execute(plan, lease));
            MergeResult r = mergeOnly(Level.HOUR, 0);
            if (point == CrashPoint.AFTER_UPLOAD || point == CrashPoint.MID_DELETE) {
                // the published hour holds every row: the inputs left are contained in it and only deleted
                assertEquals(MergeResult.Strategy.DELETE_ONLY, r.strategy(), point.toString());
                assertEquals(List.of(), r.published(), point.toString());
            } else {
                assertEquals(40, r.rows(), point.toString());
            }
            assertEquals(
                    List.of(LEASE_KEY, "hour/20250612_10_11.parquet"),
                    store.list("").stream().map(o -> o.key()).toList(),
                    point.toString());
            assertEquals(
                    all.size(), read(store.bytes("hour/20250612_10_11.parquet")).size());
        }
    }

    private static final class SimulatedCrash extends RuntimeException {}
}
