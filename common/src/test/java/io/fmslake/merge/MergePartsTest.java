package io.fmslake.merge;

import static io.fmslake.merge.TestRows.file;
import static io.fmslake.merge.TestRows.read;
import static io.fmslake.merge.TestRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.row.OffsetSet;
import io.fmslake.row.Row;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.WindowCodec;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows larger than the target become parts; late rows into them touch only what must change. */
class MergePartsTest {
    private static final Instant T10 = Instant.parse("2025-06-12T10:00:00Z");
    private static final long TARGET = 64 << 10;
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final MergePlanner planner = new MergePlanner(store, new Tiering(codec, Duration.ofSeconds(20)), TARGET);
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-13T00:05:00Z"));
    private final FakeTicker ticker = new FakeTicker();

    @TempDir
    Path tmp;

    private MergeLease lease;

    @BeforeEach
    void lease() {
        lease = MergeLease.acquire(
                store,
                new LeaseTerms(
                        "_lease/hour/20250612_10_11.json", Duration.ofMinutes(2), Duration.ZERO, Duration.ofSeconds(1)),
                "test",
                clock,
                ticker,
                clock::advance);
    }

    private MergeEngine engine(boolean rowMergeOnly, CrashPoint.Hook hook) {
        return new MergeEngine(
                store,
                new MergeOptions(
                        tmp.resolve("work"),
                        new ParquetOptions("SNAPPY", 64 << 10, 8 << 10),
                        Long.MAX_VALUE,
                        false,
                        TestRows.TOPIC,
                        rowMergeOnly,
                        2,
                        TARGET,
                        2 * TARGET),
                clock,
                hook);
    }

    private MergeResult run(boolean rowMergeOnly) {
        List<MergePlan> plans = planner.planRun(Level.HOUR, clock.instant()).plans();
        assertEquals(1, plans.size(), plans.toString());
        return engine(rowMergeOnly, CrashPoint.Hook.NONE).execute(plans.get(0), lease);
    }

    /** Twelve minute files of 1,500 rows (partition 0, offsets 0..17999), each about 60 KiB. */
    private List<Row> minutes() {
        List<Row> all = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            List<Row> rows = rows(0, m * 1500L, (m + 1) * 1500L, T10.plusSeconds(60L * m), 40, TestRows::fms);
            all.addAll(rows);
            store.put(codec.format(codec.windowOf(Level.MINUTE, T10.plusSeconds(60L * m))), file(rows));
        }
        return all;
    }

    private Map<String, String> hourFiles() {
        Map<String, String> etags = new TreeMap<>();
        store.list("hour/").forEach(o -> etags.put(o.key(), o.etag()));
        return etags;
    }

    /** Every part is a sorted lake file; together they hold {@code expected} rows once, in disjoint time ranges. */
    private void assertParts(long expected, boolean disjointTimes) {
        long rows = 0;
        OffsetSet union = new OffsetSet();
        long previousMax = Long.MIN_VALUE;
        List<FileSummary> summaries = new ArrayList<>();
        for (StoredObject o : store.list("hour/")) {
            LakeKey key = codec.parse(o.key()).orElseThrow();
            assertTrue(key.isPart(), o.key());
            List<Row> content = read(store.bytes(o.key()));
            for (int i = 1; i < content.size(); i++) {
                assertTrue(content.get(i - 1).compareTo(content.get(i)) < 0, o.key() + " sorted");
            }
            FileSummary s = TestRows.summary(store.bytes(o.key()));
            assertEquals(0, s.offsets().countIn(union), o.key() + " shares no coordinate with another part");
            assertEquals(
                    s.minEventTime(), WindowCodec.partStart(key).orElseThrow().toEpochMilli());
            assertTrue(o.size() <= TARGET + TARGET / 4, o.key() + " has " + o.size() + " bytes");
            union.addAll(s.offsets());
            rows += content.size();
            summaries.add(s);
        }
        summaries.sort((a, b) -> Long.compare(a.minEventTime(), b.minEventTime()));
        for (FileSummary s : summaries) {
            if (disjointTimes) {
                assertTrue(s.minEventTime() > previousMax, "time ranges disjoint");
            }
            previousMax = s.maxEventTime();
        }
        assertEquals(expected, rows);
        assertEquals(expected, union.count());
    }

    @Test
    void aWindowLargerThanTheTargetBecomesSortedPartsWithDisjointTimeRanges() {
        for (boolean rowMerge : new boolean[] {false, true}) {
            store.list("").forEach(o -> store.delete(o.key()));
            lease();
            minutes();
            MergeResult r = run(rowMerge);
            assertEquals(rowMerge ? MergeResult.Strategy.REENCODE : MergeResult.Strategy.COLUMN_COPY, r.strategy());
            assertTrue(r.published().size() >= 3, r.published().toString());
            assertEquals(new HashSet<>(r.published()), hourFiles().keySet());
            assertParts(18_000, true);
            assertTrue(store.list("minute/").isEmpty());
            assertTrue(r.scratchPeak() > 0 && r.scratchPeak() <= 2 * TARGET, "scratch peak " + r.scratchPeak());
            assertTrue(
                    planner.planRun(Level.HOUR, clock.instant()).plans().isEmpty(), "a second run has nothing to do");
        }
    }

    @Test
    void lateRowsBecomeOneNewSmallPartAndLeaveTheOtherPartsUntouched() {
        minutes();
        run(false);
        Map<String, String> before = hourFiles();
        // a late replica file in the middle of the hour: 20 new offsets of partition 1 and 5 already in a part
        List<Row> late = new ArrayList<>(rows(1, 0, 20, T10.plusSeconds(300), 1000, TestRows::fms));
        late.addAll(rows(0, 7500, 7505, T10.plusSeconds(300), 40, TestRows::fms));
        late.sort(null);
        store.put("minute/20250612_1005-p1o0.parquet", file(late));
        MergeResult r = run(false);
        assertEquals(1, r.published().size(), r.published().toString());
        assertEquals(20, r.rows());
        assertEquals(5, r.duplicates());
        Map<String, String> after = hourFiles();
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (!e.getKey().equals(lastPart(before))) {
                assertEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " untouched");
            }
        }
        assertParts(18_020, false);
        assertTrue(store.list("minute/").isEmpty());
    }

    @Test
    void aLateFileWhoseRowsThePartsHoldIsDeletedWithoutAWrite() {
        List<Row> all = minutes();
        run(false);
        Map<String, String> before = hourFiles();
        store.put("minute/20250612_1003-p0o4500.parquet", file(all.subList(4500, 4600)));
        MergeResult r = run(false);
        assertEquals(MergeResult.Strategy.DELETE_ONLY, r.strategy());
        assertEquals(List.of(), r.published());
        assertEquals(1, r.deleted());
        assertEquals(before, hourFiles());
        assertTrue(store.list("minute/").isEmpty());
    }

    @Test
    void aCrashAfterTheFirstPartConvergesOnRerun() {
        minutes();
        MergePlan plan = planner.planRun(Level.HOUR, clock.instant()).plans().get(0);
        assertThrows(
                IllegalStateException.class,
                () -> engine(false, p -> {
                            if (p == CrashPoint.AFTER_PART) {
                                throw new IllegalStateException("simulated crash");
                            }
                        })
                        .execute(plan, lease));
        assertEquals(1, store.list("hour/").size());
        assertEquals(12, store.list("minute/").size(), "nothing deleted");
        MergeResult r = run(false);
        assertTrue(r.published().size() >= 3);
        assertParts(18_000, true);
        assertTrue(store.list("minute/").isEmpty());
        assertTrue(planner.planRun(Level.HOUR, clock.instant()).plans().isEmpty());
    }

    @Test
    void aSmallWindowStaysOneFileWithTheSeedsName() {
        store.put("minute/20250612_1000.parquet", file(rows(0, 0, 100, T10, 100, TestRows::fms)));
        store.put("minute/20250612_1001.parquet", file(rows(0, 100, 200, T10.plusSeconds(60), 100, TestRows::fms)));
        MergeResult r = run(false);
        assertEquals(List.of("hour/20250612_10_11.parquet"), r.published());
        store.put("minute/20250612_1002.parquet", file(rows(0, 200, 300, T10.plusSeconds(120), 100, TestRows::fms)));
        assertEquals(List.of("hour/20250612_10_11.parquet"), run(false).published());
        assertEquals(Set.of("hour/20250612_10_11.parquet"), hourFiles().keySet());
        assertEquals(300, read(store.bytes("hour/20250612_10_11.parquet")).size());
    }

    @Test
    void aLoadersLocalRowsFoldedIntoAWindowOfPartsBecomeANewPartBesideTheKeptOnes() throws Exception {
        minutes();
        run(false);
        Map<String, String> before = hourFiles();
        // a loader (the backfill) brings 300 rows of partition 2 and 10 rows the parts hold already
        List<Row> loaded = new ArrayList<>(rows(2, 0, 300, T10.plusSeconds(600), 100, TestRows::fms));
        loaded.addAll(rows(0, 100, 110, T10.plusMillis(4000), 40, TestRows::fms));
        loaded.sort(null);
        Path local = tmp.resolve("loaded.parquet");
        java.nio.file.Files.write(local, file(loaded));
        MergeInput.LocalFile input = new MergeInput.LocalFile(local, TestRows.summary(file(loaded)));
        MergePlan plan = planner.planInto(codec.windowOf(Level.HOUR, T10), List.of(input));
        assertTrue(plan.lake().countIn(plan.lake()) == 18_000 && plan.lake().contains(0, 105), "lake coordinates");
        MergeResult r = engine(false, CrashPoint.Hook.NONE).execute(plan, lease);
        assertEquals(300, r.rows());
        assertTrue(java.nio.file.Files.exists(local), "the caller's file is never deleted");
        Map<String, String> after = hourFiles();
        long untouched = before.entrySet().stream()
                .filter(e -> e.getValue().equals(after.get(e.getKey())))
                .count();
        assertTrue(untouched >= before.size() - 1, "only a small part may be rewritten: " + before + " -> " + after);
        assertParts(18_300, false);
    }

    @Test
    void twoPlansRewritingTheSameSmallPartCannotBothPublish() throws Exception {
        minutes();
        run(false);
        // late rows make a small part; then two loaders plan into the hour at once, both rewriting that small part
        store.put("minute/20250612_1005-p1o0.parquet", file(rows(1, 0, 20, T10.plusSeconds(300), 1000, TestRows::fms)));
        run(false);
        List<MergePlan> plans = new ArrayList<>();
        for (int p = 2; p <= 3; p++) {
            List<Row> loaded = rows(p, 0, 30, T10.plusSeconds(400), 1000, TestRows::fms);
            Path local = tmp.resolve("loaded-" + p + ".parquet");
            java.nio.file.Files.write(local, file(loaded));
            plans.add(planner.planInto(
                    codec.windowOf(Level.HOUR, T10),
                    List.of(new MergeInput.LocalFile(local, TestRows.summary(file(loaded))))));
        }
        assertTrue(
                plans.get(0).inputs().size() > 1,
                "the small part is rewritten: " + plans.get(0).inputs());
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        List<java.util.concurrent.Future<MergeResult>> first = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<MergeEngine> self =
                new java.util.concurrent.atomic.AtomicReference<>();
        // the second plan's merge has read the small part and is about to upload when the first plan's merge starts
        MergeEngine engine = engine(false, p -> {
            if (p == CrashPoint.BEFORE_UPLOAD && first.isEmpty()) {
                first.add(other.submit(() -> self.get().execute(plans.get(0), lease)));
                try {
                    first.get(0).get(3, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException expected) {
                    // it waits for this merge of the same window to finish
                } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        self.set(engine);
        engine.execute(plans.get(1), lease);
        java.util.concurrent.ExecutionException e = assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> first.get(0).get(60, java.util.concurrent.TimeUnit.SECONDS));
        other.shutdown();
        assertTrue(
                e.getCause() instanceof MergeException
                        && e.getCause().getMessage().contains("plan again"),
                String.valueOf(e.getCause()));
        assertParts(18_050, false);
    }

    private static String lastPart(Map<String, String> files) {
        return ((TreeMap<String, String>) files).lastKey();
    }
}
