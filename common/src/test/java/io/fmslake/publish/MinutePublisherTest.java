package io.fmslake.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.parquet.LakeFileMetadata;
import io.fmslake.row.JsonObject;
import io.fmslake.row.OffsetSet;
import io.fmslake.row.Row;
import io.fmslake.store.StoreException;
import io.fmslake.store.UserMetadata;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MinutePublisherTest {
    private static final Instant T0 = Instant.parse("2025-06-12T11:22:00Z");
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final TextEncoder encoder = new TextEncoder();
    private final List<String> uploaded = new ArrayList<>();
    private final MinutePublisher publisher = new MinutePublisher(
            store,
            codec,
            new LakeProbe(store, codec, TextEncoder.READER),
            encoder,
            Clock.fixed(T0.plusSeconds(90), ZoneOffset.UTC),
            uploaded::add);
    private final Window minute = codec.windowOf(Level.MINUTE, T0);

    private static Row row(int partition, long offset, int second) {
        long t = T0.plusSeconds(second).toEpochMilli();
        return new Row(new JsonObject(new String[] {"v"}, new Object[] {offset}), partition, offset, t, t, null, 0);
    }

    private static List<Row> rows(int partition, long from, long to) {
        List<Row> out = new ArrayList<>();
        for (long o = from; o <= to; o++) {
            out.add(row(partition, o, (int) (59 - o % 60)));
        }
        return out;
    }

    private OffsetSet stored(String key) {
        return OffsetSet.decode(new String(store.bytes(key)));
    }

    @Test
    void theFirstFileOfAMinuteTakesTheSeedName() {
        Publication p = publisher.publishRows(minute, rows(0, 0, 9));

        assertEquals(Optional.of("minute/20250612_1122.parquet"), p.key());
        assertEquals(10, p.rows());
        assertEquals(0, p.alreadyDurable());
        assertEquals("0:0-9", p.offsets().encode());
        assertEquals("0:0-9", stored("minute/20250612_1122.parquet").encode());
        assertEquals(List.of("minute/20250612_1122.parquet"), uploaded);
        assertEquals(T0.plusSeconds(90), p.durableAt());
    }

    @Test
    void furtherFilesAreNamedByTheirLowestCoordinate() {
        publisher.publishRows(minute, rows(0, 0, 9));
        List<Row> more = new ArrayList<>(rows(2, 40, 44));
        more.addAll(rows(1, 7, 8));

        Publication p = publisher.publishRows(minute, more);

        assertEquals(Optional.of("minute/20250612_1122-p1o7.parquet"), p.key());
        assertEquals("1:7-8;2:40-44", stored(p.key().get()).encode());
    }

    @Test
    void aReplayOfDurableRecordsWritesNothing() {
        publisher.publishRows(minute, rows(0, 0, 9));
        int encodes = encoder.calls();

        Publication p = publisher.publishRows(minute, rows(0, 0, 9));

        assertFalse(p.wroteFile());
        assertEquals(10, p.alreadyDurable());
        assertEquals(encodes, encoder.calls());
        assertEquals(List.of("minute/20250612_1122.parquet"), store.keys());
    }

    @Test
    void aPartialReplayWritesOnlyTheNewRecords() {
        publisher.publishRows(minute, rows(0, 0, 9));

        Publication p = publisher.publishRows(minute, rows(0, 5, 14));

        assertEquals(Optional.of("minute/20250612_1122-p0o10.parquet"), p.key());
        assertEquals(5, p.alreadyDurable());
        assertEquals("0:10-14", stored(p.key().get()).encode());
    }

    @Test
    void recordsAlreadyMergedIntoTheHourAreDroppedAndTheFreedBaseNameIsReused() {
        OffsetSet merged = new OffsetSet();
        merged.addRange(0, 0, 9);
        store.put("hour/20250612_11_12.parquet", TextEncoder.fileOf(merged));

        Publication p = publisher.publishRows(minute, rows(0, 0, 12));

        assertEquals(Optional.of("minute/20250612_1122.parquet"), p.key());
        assertEquals("0:10-12", p.offsets().encode());
    }

    @Test
    void aKeyTakenByAWriterThatRacedTheProbeIsResolvedByProbingAgain() {
        publisher.publishRows(minute, rows(0, 0, 4));
        OffsetSet sneaked = new OffsetSet();
        sneaked.addRange(0, 5, 9);
        // another incarnation uploads 5..9 right after this publisher listed the minute (and saw the base taken),
        // so the suffix p0o5 it then tries is taken: it must probe again and write only 10..11
        int[] reads = {0};
        OffsetsReader racing = (s, o) -> {
            if (++reads[0] == 1) {
                store.put("minute/20250612_1122-p0o5.parquet", TextEncoder.fileOf(sneaked));
            }
            return TextEncoder.READER.read(s, o);
        };
        MinutePublisher raced = new MinutePublisher(
                store, codec, new LakeProbe(store, codec, racing), encoder, Clock.systemUTC(), k -> {});

        Publication p = raced.publishRows(minute, rows(0, 5, 11));

        assertEquals(Optional.of("minute/20250612_1122-p0o10.parquet"), p.key());
        assertEquals("0:10-11", p.offsets().encode());
        assertEquals(2, p.attempts());
        assertEquals(5, p.alreadyDurable());
        assertEquals(3, store.keys().size());
    }

    @Test
    void pressureFlushesOfOneMinuteReadFootersLinearlyNotQuadratically() {
        int flushes = 20;
        AtomicInteger reads = new AtomicInteger();
        OffsetsReader counting = (s, o) -> {
            reads.incrementAndGet();
            return TextEncoder.READER.read(s, o);
        };
        KnownFooters known = new KnownFooters(1 << 20); // one per process, shared by the flush tasks
        int foreign = 0;
        for (int i = 0; i < flushes; i++) {
            if (i % 5 == 4) { // another replica writes a file of the same minute now and then
                OffsetSet theirs = new OffsetSet();
                theirs.addRange(7, i, i);
                store.put("minute/20250612_1122-p7o" + i + ".parquet", TextEncoder.fileOf(theirs));
                foreign++;
            }
            MinutePublisher perTask = new MinutePublisher(
                    store, codec, new LakeProbe(store, codec, counting, known), encoder, Clock.systemUTC(), k -> {});
            Publication p = perTask.publishRows(minute, rows(i % 3, 10L * i, 10L * i + 9));
            assertEquals(1, p.attempts(), "no key conflict, no second probe: the base was listed");
        }

        assertEquals(flushes + foreign, store.keys().size());
        assertEquals(foreign, reads.get(), "each other replica's footer read once, this process's own never");
        assertEquals(
                flushes,
                store.calls().stream().filter(c -> c.startsWith("putIfAbsent")).count(),
                "one upload per flush: none tried on the taken base name");
    }

    @Test
    void repeatedCoordinatesInTheInputAreWrittenOnce() {
        List<Row> twice = new ArrayList<>(rows(0, 0, 4));
        twice.addAll(rows(0, 3, 6));

        Publication p = publisher.publishRows(minute, twice);

        assertEquals(7, p.rows());
        assertEquals("0:0-6", p.offsets().encode());
    }

    @Test
    void deadLettersAlwaysCarryTheSuffix() {
        List<DeadLetter> letters = List.of(
                new DeadLetter(1, 3, T0.toEpochMilli(), null, "x".getBytes(), DeadLetter.NOT_JSON, "x"),
                new DeadLetter(0, 8, T0.toEpochMilli() + 5, null, null, DeadLetter.TOMBSTONE, "null value"));

        Publication p = publisher.publishDeadLetters(minute, letters);
        Publication again = publisher.publishDeadLetters(minute, letters);

        assertEquals(Optional.of("errors/20250612_1122-p0o8.parquet"), p.key());
        assertTrue(p.deadLetters());
        assertFalse(again.wroteFile());
        assertEquals(2, again.alreadyDurable());
    }

    @Test
    void eachFileCarriesItsFooterSummaryAsUserMetadata() {
        List<Row> rows = new ArrayList<>(rows(0, 0, 9));
        rows.addAll(rows(1, 3, 5));

        Publication p = publisher.publishRows(minute, rows);

        UserMetadata m = store.metadata(p.key().orElseThrow());
        assertEquals("13", m.get(LakeFileMetadata.ROWS));
        assertEquals("p0=0-9,p1=3-5", m.get(LakeFileMetadata.OFFSETS));
        assertEquals(T0.plusSeconds(50).toString(), m.get(LakeFileMetadata.EVENT_TIME_MIN), "row(o) is at 59 - o s");
        assertEquals(T0.plusSeconds(59).toString(), m.get(LakeFileMetadata.EVENT_TIME_MAX));
        assertEquals(LakeFileMetadata.of(encoder.lastSummary()), m, "exactly the encoder's summary");
    }

    @Test
    void aDeadLetterFileAlsoCarriesItsReasons() {
        List<DeadLetter> letters = List.of(
                new DeadLetter(1, 3, T0.toEpochMilli(), null, "x".getBytes(), DeadLetter.NOT_JSON, "x"),
                new DeadLetter(1, 4, T0.toEpochMilli(), null, "y".getBytes(), DeadLetter.NOT_JSON, "y"),
                new DeadLetter(0, 8, T0.toEpochMilli() + 5, null, null, DeadLetter.TOMBSTONE, "null value"));

        Publication p = publisher.publishDeadLetters(minute, letters);

        UserMetadata m = store.metadata(p.key().orElseThrow());
        assertEquals("not_json=2,tombstone=1", m.get(LakeFileMetadata.REASONS));
        assertEquals("3", m.get(LakeFileMetadata.ROWS));
        assertEquals("p0=8-8,p1=3-4", m.get(LakeFileMetadata.OFFSETS));
    }

    @Test
    void aForeignObjectOnEveryKeyEndsInAnErrorNotALoop() {
        store.put("minute/20250612_1122.parquet", TextEncoder.fileOf(new OffsetSet()));
        store.put("minute/20250612_1122-p0o0.parquet", TextEncoder.fileOf(new OffsetSet()));

        assertThrows(StoreException.class, () -> publisher.publishRows(minute, rows(0, 0, 3)));
        assertEquals(
                MinutePublisher.MAX_ATTEMPTS,
                store.calls().stream().filter(c -> c.startsWith("list minute/")).count());
    }

    @Test
    void aStoreFailureIsThrownAndLeavesNothingBehind() {
        store.failing(true);
        assertThrows(StoreException.class, () -> publisher.publishRows(minute, rows(0, 0, 3)));
        store.failing(false);
        assertTrue(store.keys().isEmpty());
        assertTrue(uploaded.isEmpty());
    }
}
