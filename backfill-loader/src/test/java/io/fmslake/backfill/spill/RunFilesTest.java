package io.fmslake.backfill.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fmslake.schema.LakeSchema;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sorted runs round-trip every field, and several runs read back as one stream in lake order, each record once. */
class RunFilesTest {
    private static final Window DAY = new Window(Level.DAY, LocalDateTime.of(2025, 6, 12, 0, 0));

    @TempDir
    Path dir;

    private static RawRecord record(int p, long o, long t, String key) {
        return new RawRecord(
                p,
                o,
                t + 7,
                t,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                ("{\"o\":" + o + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRunRoundTripsEveryFieldInLakeOrder() {
        RunWriter writer = new RunWriter(dir, "t");
        List<RawRecord> in = List.of(
                record(1, 5, 300, "k"),
                record(0, 9, 100, null),
                record(2, 1, 100, ""),
                record(0, 9, 100, null),
                record(0, 3, 200, "x"));
        SpillRun run = writer.write(DAY, new ArrayList<>(in), LakeSchema.empty());
        assertEquals(4, run.summary().rows());
        assertEquals(100, run.summary().minEventTime());
        assertEquals(300, run.summary().maxEventTime());
        List<String> seen = new ArrayList<>();
        try (RunReader reader = RunReader.open(List.of(run))) {
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                seen.add(r.partition() + "@" + r.offset() + "/" + r.kafkaTimestamp() + "/"
                        + (r.key() == null ? "null" : new String(r.key(), StandardCharsets.UTF_8)) + "/"
                        + new String(r.payload(), StandardCharsets.UTF_8));
            }
            assertNull(reader.next());
        }
        assertEquals(
                List.of("0@9/107/null/{\"o\":9}", "2@1/107//{\"o\":1}", "0@3/207/x/{\"o\":3}", "1@5/307/k/{\"o\":5}"),
                seen);
    }

    @Test
    void severalOverlappingRunsMergeIntoOneOrderedStreamEachCoordinateOnce() {
        RunWriter writer = new RunWriter(dir, "t");
        Random rnd = new Random(3);
        List<SpillRun> runs = new ArrayList<>();
        List<RawRecord> all = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            List<RawRecord> part = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                long o = run * 1000L + i;
                part.add(record(run % 3, o, rnd.nextInt(5000), null));
            }
            part.add(record(0, 0, all.isEmpty() ? 0 : all.get(0).eventTime(), null)); // a redelivered record
            all.addAll(part);
            runs.add(writer.write(DAY, part, LakeSchema.empty()));
        }
        RawRecord[] expected = RunWriter.sortedUnique(all);
        try (RunReader reader = RunReader.open(runs)) {
            for (RawRecord e : expected) {
                RawRecord r = reader.next();
                assertEquals(e.partition() + "@" + e.offset(), r.partition() + "@" + r.offset());
                assertArrayEquals(e.payload(), r.payload());
            }
            assertNull(reader.next());
        }
    }

    /** Against the plain object sort: lake order, each coordinate once (its first record), whatever the event times. */
    @Test
    void sortingPutsRecordsInLakeOrderEachCoordinateOnce() {
        Random rnd = new Random(9);
        for (long span : new long[] {1, 50, 86_400_000L, 1L << 40, Long.MAX_VALUE / 4}) {
            List<RawRecord> records = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                int p = rnd.nextInt(4);
                long o = rnd.nextInt(2_000); // repeated coordinates: a redelivery, with the same event time
                long t = Math.floorMod((p * 0x9E3779B97F4A7C15L) ^ (o * 0xC2B2AE3D27D4EB4FL), span);
                records.add(record(p, o, t, null));
            }
            List<RawRecord> expected = new ArrayList<>(records);
            expected.sort(null); // stable: of equal coordinates the first stays first
            List<RawRecord> unique = new ArrayList<>();
            for (RawRecord r : expected) {
                if (unique.isEmpty() || !unique.get(unique.size() - 1).sameRecord(r)) {
                    unique.add(r);
                }
            }

            RawRecord[] actual = RunWriter.sortedUnique(records);

            assertEquals(unique.size(), actual.length, "span " + span);
            for (int i = 0; i < actual.length; i++) {
                assertSame(unique.get(i), actual[i], "span " + span + ", record " + i);
            }
        }
    }
}
