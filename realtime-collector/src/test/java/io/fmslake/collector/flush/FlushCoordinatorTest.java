package io.fmslake.collector.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.collector.CrashPoints;
import io.fmslake.collector.buffer.FlushRules;
import io.fmslake.collector.buffer.WindowedBuffers;
import io.fmslake.collector.http.Health;
import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.publish.LakeProbe;
import io.fmslake.publish.MinutePublisher;
import io.fmslake.publish.TextEncoder;
import io.fmslake.row.JsonObject;
import io.fmslake.row.OffsetSet;
import io.fmslake.row.Row;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlushCoordinatorTest {
    static final Instant T0 = Instant.parse("2025-06-12T11:22:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final CollectorMetrics metrics = new CollectorMetrics();
    private final Health health = new Health(clock);
    private final Ownership ownership = new Ownership(clock, Duration.ofSeconds(45), Duration.ofSeconds(15));
    private final Flusher flusher = new Flusher(
            store,
            s -> new MinutePublisher(
                    s, codec, new LakeProbe(s, codec, TextEncoder.READER), new TextEncoder(), clock, k -> {}),
            ownership,
            metrics,
            CrashPoints.NONE,
            2);
    private final WindowedBuffers buffers = new WindowedBuffers(
            new FlushRules(codec, Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMinutes(1)),
            new io.fmslake.collector.buffer.PartitionProgress());
    private final FlushCoordinator flushes = new FlushCoordinator(buffers, flusher, ownership, health, clock, 10_000);

    FlushCoordinatorTest() {
        ownership.assigned(List.of(0, 1, 2));
        ownership.confirmed(T0.plusSeconds(80).toEpochMilli());
        health.started();
    }

    @AfterEach
    void close() {
        flusher.close();
    }

    private static Row row(int partition, long offset, Instant eventTime) {
        return new Row(
                new JsonObject(new String[] {"o"}, new Object[] {offset}),
                partition,
                offset,
                eventTime.toEpochMilli(),
                eventTime.toEpochMilli(),
                null,
                0);
    }

    private void add(int partition, long from, long to, Instant eventTime, long bytesEach) {
        for (long o = from; o <= to; o++) {
            buffers.addRow(row(partition, o, eventTime), bytesEach, clock.millis());
        }
    }

    private void settle() {
        flushes.complete(Duration.ofSeconds(10));
    }

    private OffsetSet stored(String key) {
        return OffsetSet.decode(new String(store.bytes(key)));
    }

    @Test
    void aClosedMinuteIsWrittenAndItsOffsetsStopBeingPending() {
        add(0, 10, 19, T0.plusSeconds(5), 10);
        add(1, 3, 4, T0.plusSeconds(70), 10);
        assertFalse(flushes.turn());
        assertEquals(10, flushes.lowestPending(0));

        clock.set(T0.plusSeconds(81));
        flushes.turn();
        assertEquals(10, flushes.lowestPending(0), "pending while in flight");
        settle();

        assertEquals(List.of("minute/20250612_1122.parquet"), store.keys());
        assertEquals("0:10-19", stored("minute/20250612_1122.parquet").encode());
        assertEquals(-1, flushes.lowestPending(0));
        assertEquals(3, flushes.lowestPending(1));
        assertTrue(health.ready());
        assertEquals(10, metrics.recordsWritten());
    }

    @Test
    void aStoreOutageKeepsRecordsPendingReportsNotReadyAndRecoversAfterBackoff() {
        add(0, 0, 9, T0, 10);
        clock.set(T0.plusSeconds(81));
        store.failing(true);
        flushes.turn();
        settle();

        assertFalse(health.ready());
        assertEquals(0, flushes.lowestPending(0));
        assertEquals(10, buffers.records());

        store.failing(false);
        flushes.turn();
        settle();
        assertTrue(store.keys().isEmpty(), "waits for the backoff");

        clock.advance(Duration.ofSeconds(2));
        flushes.turn();
        settle();
        assertEquals(List.of("minute/20250612_1122.parquet"), store.keys());
        assertTrue(health.ready());
        assertEquals(-1, flushes.lowestPending(0));
    }

    @Test
    void aboveHalfTheCapOpenMinutesAreWrittenEarly() {
        add(0, 0, 599, T0.plusSeconds(10), 10); // 6000 of a 10000 cap, minute still open
        flushes.turn();
        settle();

        assertEquals(List.of("minute/20250612_1122.parquet"), store.keys());
        assertEquals(0, buffers.bytes());
        // later records of the same minute become a suffixed file
        add(0, 600, 601, T0.plusSeconds(20), 10);
        clock.set(T0.plusSeconds(82));
        flushes.turn();
        settle();
        assertEquals("0:600-601", stored("minute/20250612_1122-p0o600.parquet").encode());
    }

    @Test
    void partitionsNoLongerOwnedAreNotWritten() {
        add(0, 0, 4, T0, 10);
        add(1, 0, 4, T0, 10);
        ownership.removed(List.of(1));
        clock.set(T0.plusSeconds(81));
        flushes.turn();
        settle();

        assertEquals("0:0-4", stored("minute/20250612_1122.parquet").encode());
        assertEquals(-1, flushes.lowestPending(1));
    }

    @Test
    void withoutAValidMembershipLeaseNothingIsWritten() {
        add(0, 0, 4, T0, 10);
        clock.set(T0.plusSeconds(80 + 30)); // confirmed at 80 s: an upload now could end after 80 + 45 - 1 s
        flushes.turn();
        settle();

        assertTrue(store.keys().isEmpty());
        assertEquals(0, flushes.lowestPending(0));
        assertFalse(health.ready());
    }

    @Test
    void aPauseBetweenTheProbeAndTheUploadLeavesTheUploadUndone() {
        Duration pause = Duration.ofSeconds(60);
        try (Flusher pausing = new Flusher(
                store,
                s -> new MinutePublisher(
                        s,
                        codec,
                        new LakeProbe(s, codec, (st, o) -> {
                            clock.advance(pause); // the replica stops while it reads what the lake holds
                            return TextEncoder.READER.read(st, o);
                        }),
                        new TextEncoder(),
                        clock,
                        k -> {}),
                ownership,
                metrics,
                CrashPoints.NONE,
                1)) {
            FlushCoordinator coordinator = new FlushCoordinator(buffers, pausing, ownership, health, clock, 10_000);
            add(0, 0, 4, T0, 10);
            clock.set(T0.plusSeconds(81));
            coordinator.turn();
            coordinator.complete(Duration.ofSeconds(10));
            assertEquals(List.of("minute/20250612_1122.parquet"), store.keys());

            add(0, 5, 6, T0, 10); // late: the next flush probes the minute's file, and the clock jumps meanwhile
            clock.set(T0.plusSeconds(142)); // one late-flush interval after the minute was written
            ownership.confirmed(clock.millis());
            coordinator.turn();
            coordinator.complete(Duration.ofSeconds(10));

            assertEquals(List.of("minute/20250612_1122.parquet"), store.keys(), "no upload after the lease ran out");
            assertEquals(5, coordinator.lowestPending(0), "the late records stay pending, so uncommitted");
            assertFalse(health.ready());
        }
    }

    @Test
    void aBufferTakenBeforeItsPartitionWasLostIsNotWrittenEvenIfThePartitionCameBack() {
        CrashPoints fencedMeanwhile = new CrashPoints(java.util.Optional.of("before-upload"), () -> {
            ownership.removed(List.of(1)); // fenced out while this flush ran: lost ...
            ownership.assigned(List.of(1)); // ... and assigned again, to be re-read from the committed offset
        });
        try (Flusher racing = new Flusher(
                store,
                s -> new MinutePublisher(
                        s, codec, new LakeProbe(s, codec, TextEncoder.READER), new TextEncoder(), clock, k -> {}),
                ownership,
                metrics,
                fencedMeanwhile,
                1)) {
            FlushCoordinator coordinator = new FlushCoordinator(buffers, racing, ownership, health, clock, 10_000);
            add(1, 0, 4, T0, 10);
            clock.set(T0.plusSeconds(81));
            coordinator.turn();
            coordinator.complete(Duration.ofSeconds(10));

            assertTrue(store.keys().isEmpty(), "records read in the old epoch are not written");
            assertEquals(-1, coordinator.lowestPending(1), "nor kept: the new epoch re-reads them");
        }
    }

    @Test
    void flushNowWritesOpenMinutesAndReportsWhetherAllIsDurable() {
        add(2, 5, 9, T0.plusSeconds(10), 10);

        store.failing(true);
        assertFalse(flushes.flushNow(buffers.takeAll(), "shutdown", Duration.ofSeconds(10)), "the store failed");
        store.heal();
        assertTrue(flushes.flushNow(buffers.takeAll(), "shutdown", Duration.ofSeconds(10)));

        assertEquals("2:5-9", stored("minute/20250612_1122.parquet").encode());
        assertEquals(-1, flushes.lowestPending(2));
    }
}
