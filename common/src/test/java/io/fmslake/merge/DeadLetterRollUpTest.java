package io.fmslake.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.deadletter.DeadLetterFile;
import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.MemoryInputFile;
import io.fmslake.parquet.MemoryOutputFile;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.row.OffsetSet;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.WindowCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine rolls dead letters up like rows: same plans and strategies, their own schema, under errors/. */
class DeadLetterRollUpTest {
    private static final Instant T10 = Instant.parse("2025-06-12T10:00:00Z");
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-13T00:05:00Z"));

    @TempDir
    Path tmp;

    private MergeLease lease;

    @BeforeEach
    void lease() {
        lease = MergeLease.acquire(
                store,
                new LeaseTerms("_lease/day/20250612.json", Duration.ofMinutes(2), Duration.ZERO, Duration.ofSeconds(1)),
                "test",
                clock,
                new FakeTicker(),
                clock::advance);
    }

    private static List<DeadLetter> letters(int partition, long from, long to, Instant start, long stepMillis) {
        List<DeadLetter> out = new ArrayList<>();
        for (long o = from; o < to; o++) {
            byte[] value = o % 7 == 0
                    ? new byte[] {(byte) 0xFF, (byte) o}
                    : ("not json " + o).getBytes(StandardCharsets.UTF_8);
            out.add(new DeadLetter(
                    partition,
                    o,
                    start.toEpochMilli() + (o - from) * stepMillis,
                    ("k" + o).getBytes(StandardCharsets.UTF_8),
                    value,
                    o % 7 == 0 ? DeadLetter.INVALID_UTF8 : DeadLetter.NOT_JSON,
                    "detail " + o));
        }
        return out;
    }

    private void put(String key, List<DeadLetter> letters) {
        MemoryOutputFile out = new MemoryOutputFile();
        DeadLetterFile.write(letters, out, ParquetOptions.defaults("ZSTD"), TestRows.TOPIC);
        store.put(key, out.toByteArray());
    }

    private List<DeadLetter> read(String key) {
        return DeadLetterFile.read(new MemoryInputFile(store.bytes(key)));
    }

    private MergeResult run(Level level, long targetBytes) {
        MergePlanner planner =
                new MergePlanner(store, new Tiering(codec, Duration.ofSeconds(20)), targetBytes).forDeadLetters();
        List<MergePlan> plans = planner.planRun(level, clock.instant()).plans();
        assertEquals(1, plans.size(), plans.toString());
        assertTrue(plans.get(0).deadLetters());
        MergeOptions options = new MergeOptions(
                        tmp.resolve("work"), ParquetOptions.defaults("ZSTD"), 8 << 20, false, TestRows.TOPIC, false, 2)
                .withSizes(targetBytes, targetBytes * 2);
        return new MergeEngine(store, options, clock, CrashPoint.Hook.NONE).execute(plans.get(0), lease);
    }

    private List<String> keys() {
        return store.list("").stream()
                .map(StoredObject::key)
                .filter(k -> !k.startsWith("_lease"))
                .sorted()
                .toList();
    }

    @Test
    void overlappingMinuteFilesRollUpIntoOneSortedDeduplicatedHourWithTheirValues() {
        List<DeadLetter> p0 = letters(0, 0, 40, T10, 1000);
        List<DeadLetter> p1 = letters(1, 0, 30, T10.plusMillis(500), 1000);
        put("errors/20250612_1000-p0o0.parquet", p0.subList(0, 30));
        put("errors/20250612_1000-p1o0.parquet", p1);
        // a replay wrote 25..39 of partition 0 again in a file of its own: 25..29 twice
        put("errors/20250612_1000-p0o25.parquet", p0.subList(25, 40));
        store.put("minute/20250612_1000.parquet", TestRows.file(TestRows.rows(0, 100, 110, T10, 1000, TestRows::fms)));

        MergeResult r = run(Level.HOUR, MergeOptions.DEFAULT_TARGET_FILE_BYTES);

        assertEquals(MergeResult.Strategy.REENCODE, r.strategy());
        assertEquals(70, r.rows());
        assertEquals(5, r.duplicates());
        assertEquals(
                List.of("errors/20250612_10_11.parquet", "minute/20250612_1000.parquet"),
                keys(),
                "the rows' minute file is not the dead letters' business");
        List<DeadLetter> want = new ArrayList<>(p0);
        want.addAll(p1);
        want.sort(DeadLetterFile.ORDER);
        List<DeadLetter> got = read("errors/20250612_10_11.parquet");
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).partition(), got.get(i).partition());
            assertEquals(want.get(i).offset(), got.get(i).offset());
            assertArrayEquals(want.get(i).value(), got.get(i).value(), "raw value of " + want.get(i));
            assertEquals(want.get(i).reason(), got.get(i).reason());
            assertEquals(want.get(i).detail(), got.get(i).detail());
        }
        FileSummary s = FileFooter.read(new MemoryInputFile(store.bytes("errors/20250612_10_11.parquet")))
                .summary();
        assertEquals(OffsetSet.decode("0:0-39;1:0-29"), s.offsets());
        assertEquals(70, s.rows());
    }

    @Test
    void disjointMinuteFilesAreCopiedAndALargeDayIsWrittenAsPartsUnderErrors() {
        List<DeadLetter> all = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            for (int m = 0; m < 60; m += 10) {
                Instant t = Instant.parse("2025-06-12T00:00:00Z").plusSeconds(3600L * h + 60L * m);
                List<DeadLetter> minute = letters(0, 1000L * h + m * 10, 1000L * h + m * 10 + 10, t, 100);
                put(
                        codec.format(LakeKey.deadLetter(
                                codec.windowOf(Level.MINUTE, t),
                                "p0o" + minute.get(0).offset())),
                        minute);
                all.addAll(minute);
            }
        }
        MergeResult r = run(Level.DAY, MergeOptions.MIN_TARGET_FILE_BYTES);

        assertEquals(MergeResult.Strategy.COLUMN_COPY, r.strategy());
        assertTrue(r.published().size() > 1, r.published().toString());
        List<DeadLetter> got = new ArrayList<>();
        for (String key : keys()) {
            LakeKey parsed = codec.parse(key).orElseThrow();
            assertTrue(parsed.deadLetter() && parsed.isPart() && parsed.window().level() == Level.DAY, key);
            got.addAll(read(key));
        }
        got.sort(DeadLetterFile.ORDER);
        assertEquals(
                all.stream().map(d -> d.partition() + "@" + d.offset()).toList(),
                got.stream().map(d -> d.partition() + "@" + d.offset()).toList());
        assertEquals(
                all.stream().map(DeadLetter::detail).sorted().toList(),
                got.stream()
                        .map(DeadLetter::detail)
                        .sorted(Comparator.naturalOrder())
                        .toList());
    }
}
