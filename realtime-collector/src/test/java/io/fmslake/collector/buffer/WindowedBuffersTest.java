package io.fmslake.collector.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.row.JsonObject;
import io.fmslake.row.Row;
import io.fmslake.window.Level;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowedBuffersTest {
    static final Instant T0 = Instant.parse("2025-06-12T11:22:00Z");
    private final WindowCodec codec = new WindowCodec(ZoneId.of("Asia/Seoul"), DayOfWeek.SUNDAY);
    private final FlushRules rules =
            new FlushRules(codec, Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMinutes(1));
    private final PartitionProgress progress = new PartitionProgress();
    private final WindowedBuffers buffers = new WindowedBuffers(rules, progress);

    static Row row(int partition, long offset, Instant eventTime) {
        return new Row(
                new JsonObject(new String[] {"o"}, new Object[] {offset}),
                partition,
                offset,
                eventTime.toEpochMilli(),
                eventTime.toEpochMilli(),
                null,
                0);
    }

    private static long at(Instant t) {
        return t.toEpochMilli();
    }

    @Test
    void rowsGoToTheMinuteOfTheirEventTimeInTheLakeZone() {
        buffers.addRow(row(0, 1, T0.plusSeconds(5)), 100, at(T0));
        buffers.addRow(row(0, 2, T0.plusSeconds(65)), 100, at(T0));
        buffers.addRow(row(1, 3, T0.plusSeconds(59)), 100, at(T0));

        List<WindowBuffer> all = buffers.takeAll();

        assertEquals(2, all.size());
        assertEquals(codec.windowOf(Level.MINUTE, T0), all.get(0).key().window());
        assertEquals("2025-06-12T20:22", all.get(0).key().window().start().toString());
        assertEquals(2, all.get(0).count());
        assertEquals(Set.of(0, 1), all.get(0).partitions());
        assertEquals(0, buffers.bytes());
    }

    @Test
    void aMinuteIsDueOnlyAfterItsEndPlusGraceAndOnceItWentQuiet() {
        buffers.addRow(row(0, 1, T0.plusSeconds(30)), 100, at(T0.plusSeconds(30)));
        assertTrue(buffers.takeDue(at(T0.plusSeconds(79))).isEmpty(), "grace not over");
        // a straggler within the grace keeps it open for the idle time
        buffers.addRow(row(0, 2, T0.plusSeconds(50)), 100, at(T0.plusSeconds(79).plusMillis(500)));
        assertTrue(buffers.takeDue(at(T0.plusSeconds(80))).isEmpty(), "received a record 500 ms ago");

        List<WindowBuffer> due = buffers.takeDue(at(T0.plusSeconds(81)));

        assertEquals(1, due.size());
        assertEquals(2, due.get(0).count());
        assertFalse(due.get(0).late());
        assertEquals(0, buffers.records());
    }

    @Test
    void aClosedMinuteWaitsForEveryPartitionToPassItOrCatchUp() {
        progress.assigned(Set.of(0, 1));
        buffers.addRow(row(0, 1, T0.plusSeconds(30)), 100, at(T0.plusSeconds(30)));
        buffers.addRow(row(0, 2, T0.plusSeconds(70)), 100, at(T0.plusSeconds(30)));
        assertTrue(buffers.takeDue(at(T0.plusSeconds(90))).isEmpty(), "partition 1 may still hold 11:22 records");

        progress.lag(1, 0);

        assertEquals(1, buffers.takeDue(at(T0.plusSeconds(90))).size());
    }

    @Test
    void aPauseKeepsMinutesFromLookingIdle() {
        buffers.addRow(row(0, 1, T0.plusSeconds(30)), 100, at(T0.plusSeconds(30)));
        buffers.touchAll(at(T0.plusSeconds(90)));
        assertTrue(buffers.takeDue(at(T0.plusSeconds(90).plusMillis(999))).isEmpty());
        assertEquals(1, buffers.takeDue(at(T0.plusSeconds(91))).size());
    }

    @Test
    void recordsOfAMinuteAlreadyWrittenAreLateAndBatchedPerInterval() {
        buffers.addRow(row(0, 1, T0), 100, at(T0));
        long written = at(T0.plusSeconds(81));
        buffers.takeDue(written);

        assertTrue(buffers.addRow(row(0, 7, T0.plusSeconds(3)), 100, written + 5_000));
        assertTrue(buffers.addRow(row(1, 9, T0.plusSeconds(4)), 100, written + 20_000));
        assertFalse(buffers.addRow(row(0, 8, T0.plusSeconds(70)), 100, written + 20_000), "next minute is not late");
        assertTrue(buffers.takeDue(written + 59_999).stream().noneMatch(WindowBuffer::late));

        List<WindowBuffer> late = buffers.takeDue(written + 60_000).stream()
                .filter(WindowBuffer::late)
                .toList();

        assertEquals(1, late.size());
        assertEquals(2, late.get(0).count());
        // and the next batch of the same minute waits another interval after this write
        assertTrue(buffers.addRow(row(0, 11, T0), 100, written + 61_000));
        assertTrue(buffers.takeDue(written + 119_999).isEmpty());
        assertEquals(1, buffers.takeDue(written + 120_000).size());
    }

    @Test
    void deadLettersAreBufferedByTheMinuteOfTheirKafkaTimestamp() {
        DeadLetter d = new DeadLetter(2, 5, at(T0.plusSeconds(61)), null, "x".getBytes(), DeadLetter.NOT_JSON, "x");
        buffers.addDeadLetter(d, 300, at(T0));

        WindowBuffer b = buffers.takeAll().get(0);

        assertTrue(b.key().deadLetters());
        assertEquals(codec.windowOf(Level.MINUTE, T0.plusSeconds(61)), b.key().window());
        assertEquals(List.of(d), b.deadLetters());
    }

    @Test
    void pressureTakesClosedMinutesOldestFirstThenOpenOnesLargestFirst() {
        long now = at(T0.plusSeconds(199));
        buffers.addRow(row(0, 1, T0), 100, now); // closed, older
        buffers.addRow(row(0, 2, T0.plusSeconds(60)), 100, now); // closed
        buffers.addRow(row(0, 3, T0.plusSeconds(190)), 1_000, now); // open, large
        buffers.addRow(row(0, 4, T0.plusSeconds(130)), 500, now); // open (grace), smaller

        List<WindowBuffer> first = buffers.takeForPressure(150, now);
        List<WindowBuffer> next = buffers.takeForPressure(1, now);
        List<WindowBuffer> open = buffers.takeForPressure(1, now);

        assertEquals(2, first.size());
        assertEquals(T0.plusSeconds(60), codec.startInstant(first.get(1).key().window()));
        assertEquals(1, next.size());
        assertEquals(1_000, next.get(0).bytes());
        assertEquals(500, open.get(0).bytes());
        assertEquals(0, buffers.bytes());
    }

    @Test
    void lowestOffsetSpansEveryMinuteAndPartitionsCanBeTakenOut() {
        buffers.addRow(row(0, 40, T0.plusSeconds(60)), 100, at(T0));
        buffers.addRow(row(0, 41, T0), 100, at(T0));
        buffers.addRow(row(1, 7, T0), 100, at(T0));
        DeadLetter d = new DeadLetter(0, 39, at(T0), null, null, DeadLetter.TOMBSTONE, "null value");
        buffers.addDeadLetter(d, 100, at(T0));
        assertEquals(39, buffers.lowestOffset(0));
        assertEquals(7, buffers.lowestOffset(1));
        assertEquals(-1, buffers.lowestOffset(2));

        List<WindowBuffer> taken = buffers.takePartitions(Set.of(0));

        assertEquals(3, taken.size());
        assertEquals(-1, buffers.lowestOffset(0));
        assertEquals(1, buffers.records());
        assertEquals(100, buffers.bytes());

        taken.forEach(buffers::putBack);
        assertEquals(39, buffers.lowestOffset(0));
        assertEquals(4, buffers.records());
        assertEquals(400, buffers.bytes());
    }

    @Test
    void aBufferPutBackMergesWithRecordsThatArrivedMeanwhile() {
        buffers.addRow(row(0, 1, T0), 100, at(T0));
        List<WindowBuffer> inFlight = buffers.takeForPressure(1, at(T0));
        buffers.addRow(row(0, 2, T0), 100, at(T0));

        inFlight.forEach(buffers::putBack);

        assertEquals(1, buffers.size());
        WindowBuffer merged = buffers.takeAll().get(0);
        assertEquals(2, merged.count());
        assertEquals(1, merged.lowestOffset(0));
    }
}
