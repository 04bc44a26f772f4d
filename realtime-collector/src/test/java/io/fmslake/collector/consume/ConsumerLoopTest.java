package io.fmslake.collector.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.collector.CollectorSettings.StartOffset;
import io.fmslake.collector.CrashPoints;
import io.fmslake.collector.buffer.FlushRules;
import io.fmslake.collector.buffer.PartitionProgress;
import io.fmslake.collector.buffer.WindowedBuffers;
import io.fmslake.collector.flush.FlushCoordinator;
import io.fmslake.collector.flush.Flusher;
import io.fmslake.collector.flush.Ownership;
import io.fmslake.collector.http.Health;
import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.publish.LakeProbe;
import io.fmslake.publish.MinutePublisher;
import io.fmslake.publish.OffsetsReader;
import io.fmslake.publish.ParquetEncoder;
import io.fmslake.row.RecordDecoder;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import io.fmslake.window.WindowCodec;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poll loop turn by turn against a MockConsumer, a fixed clock and an in-memory bucket. */
class ConsumerLoopTest {
    static final Instant T0 = Instant.parse("2025-06-12T11:22:00Z");
    static final String TOPIC = "fms";
    final TopicPartition tp0 = new TopicPartition(TOPIC, 0);
    final TopicPartition tp1 = new TopicPartition(TOPIC, 1);
    final MutableClock clock = new MutableClock(T0.plusSeconds(30));
    /** Every offset ever committed, also for partitions no longer assigned (MockConsumer hides those). */
    final Map<TopicPartition, Long> commits = new java.util.concurrent.ConcurrentHashMap<>();

    final java.util.concurrent.atomic.AtomicBoolean failCommits = new java.util.concurrent.atomic.AtomicBoolean();
    final java.util.concurrent.atomic.AtomicReference<Duration> closeTimeout =
            new java.util.concurrent.atomic.AtomicReference<>();
    final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("latest") {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (failCommits.get()) {
                throw new org.apache.kafka.common.errors.RebalanceInProgressException("rebalancing");
            }
            super.commitSync(offsets);
            offsets.forEach((tp, o) -> commits.put(tp, o.offset()));
        }

        @Override
        public synchronized void close(org.apache.kafka.clients.consumer.CloseOptions options) {
            closeTimeout.set(options.timeout().orElseThrow());
            super.close(options);
        }
    };
    final MemoryObjectStore store = new MemoryObjectStore();
    final CollectorMetrics metrics = new CollectorMetrics();
    final Health health = new Health(clock);
    final Ownership ownership = new Ownership(clock, Duration.ofSeconds(45), Duration.ofSeconds(15));
    final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    Flusher flusher;
    FlushCoordinator flushes;
    ConsumerLoop loop;

    void build(long capBytes) {
        ParquetEncoder encoder = new ParquetEncoder(ParquetOptions.defaults("SNAPPY"), TOPIC, Optional.empty());
        flusher = new Flusher(
                store,
                s -> new MinutePublisher(
                        s, codec, new LakeProbe(s, codec, OffsetsReader.footers()), encoder, clock, k -> {}),
                ownership,
                metrics,
                CrashPoints.NONE,
                2);
        PartitionProgress progress = new PartitionProgress();
        WindowedBuffers buffers = new WindowedBuffers(
                new FlushRules(codec, Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMinutes(1)), progress);
        flushes = new FlushCoordinator(buffers, flusher, ownership, health, clock, capBytes);
        loop = new ConsumerLoop(
                consumer,
                new LoopConfig(TOPIC, StartOffset.LATEST, capBytes, Duration.ofSeconds(10), 2, 45_000, "test"),
                new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty()),
                buffers,
                progress,
                flushes,
                ownership,
                metrics,
                health,
                clock,
                CrashPoints.NONE,
                new StartLedger(store, codec));
        consumer.updateBeginningOffsets(Map.of(tp0, 0L, tp1, 0L));
        consumer.updateEndOffsets(Map.of(tp0, 0L, tp1, 0L));
        loop.start();
    }

    @AfterEach
    void close() {
        if (flusher != null) {
            flusher.close();
        }
    }

    void record(TopicPartition tp, long offset, Instant timestamp) {
        byte[] value = ("{\"sensor\":\"T-" + offset + "\",\"value\":" + offset + "}").getBytes(StandardCharsets.UTF_8);
        consumer.addRecord(new ConsumerRecord<>(
                TOPIC,
                tp.partition(),
                offset,
                timestamp.toEpochMilli(),
                TimestampType.CREATE_TIME,
                0,
                value.length,
                null,
                value,
                new RecordHeaders(),
                Optional.empty()));
    }

    /** Turns until no flush is in flight, then once more so the completed flush gets committed. */
    void settle() throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            loop.turn();
            if (flushes.idle()) {
                loop.turn();
                if (flushes.idle()) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("flushes did not settle");
    }

    /** The bucket's keys without the collector's bookkeeping under {@code _lake/} (the group marker). */
    List<String> lakeFiles() {
        return store.keys().stream().filter(k -> !k.startsWith("_lake/")).toList();
    }

    long committed(TopicPartition tp) {
        return commits.getOrDefault(tp, -1L);
    }

    @Test
    void aPartitionWithoutCommittedOffsetCommitsItsStartAtOnceForTheBackfill() {
        build(1 << 20);
        consumer.updateEndOffsets(Map.of(tp0, 42L));
        consumer.rebalance(List.of(tp0));
        assertEquals(42, committed(tp0));
    }

    @Test
    void aPositionBelowTheLogStartResumesThereAndRecordsTheGap() throws InterruptedException {
        build(1 << 20);
        consumer.rebalance(List.of(tp0));
        record(tp0, 0, T0.plusSeconds(5));
        loop.turn();
        consumer.updateBeginningOffsets(Map.of(tp0, 10L));
        consumer.updateEndOffsets(Map.of(tp0, 11L));
        consumer.setPollException(new OffsetOutOfRangeException("retention", Map.of(tp0, 1L)));
        loop.turn();

        assertEquals(10, consumer.position(tp0));
        assertTrue(
                store.keys().contains("_lake/gaps/p0-1-10.json"), store.keys().toString());
        assertTrue(metrics.scrape().contains("fms_collector_retention_gap_records_total{partition=\"0\"} 9.0"));
        record(tp0, 10, T0.plusSeconds(6));
        clock.set(T0.plusSeconds(90));
        loop.turn();
        clock.advance(Duration.ofSeconds(2));
        settle();
        assertEquals(11, committed(tp0), "offset 0 and 10 durable");
    }

    @Test
    void onlyDurableOffsetsAreCommittedAndAnOpenMinuteHoldsItsPartitionBack() throws InterruptedException {
        build(1 << 20);
        consumer.rebalance(List.of(tp0, tp1));
        for (long o = 0; o < 5; o++) {
            record(tp0, o, T0.plusSeconds(5 + o));
        }
        record(tp0, 5, T0.plusSeconds(65));
        record(tp0, 6, T0.plusSeconds(66));
        for (long o = 0; o < 3; o++) {
            record(tp1, o, T0.plusSeconds(10));
        }
        clock.set(T0.plusSeconds(90));
        loop.turn();
        assertEquals(0, committed(tp0));
        assertEquals(0, committed(tp1));

        clock.advance(Duration.ofSeconds(2));
        settle();

        assertEquals(List.of("minute/20250612_1122.parquet"), lakeFiles());
        assertEquals(5, committed(tp0), "offsets 5 and 6 sit in the open minute 11:23");
        assertEquals(3, committed(tp1));
        assertEquals(8, metrics.recordsWritten());
        assertTrue(health.ready());
    }

    @Test
    void revokedPartitionsAreWrittenOpenMinuteIncludedThenCommittedAndDropped() throws InterruptedException {
        build(1 << 20);
        consumer.rebalance(List.of(tp0, tp1));
        record(tp0, 0, T0.plusSeconds(5));
        record(tp0, 1, T0.plusSeconds(6));
        record(tp1, 0, T0.plusSeconds(7));
        loop.turn();

        consumer.rebalance(List.of(tp1));
        assertEquals(2, committed(tp0));
        assertEquals(List.of("minute/20250612_1122.parquet"), lakeFiles());
        assertFalse(ownership.owns(0));

        clock.set(T0.plusSeconds(90));
        settle();
        assertEquals(List.of("minute/20250612_1122-p1o0.parquet", "minute/20250612_1122.parquet"), lakeFiles());
        assertEquals(1, committed(tp1));
    }

    @Test
    void lostPartitionsAreDroppedWithoutCommit() throws InterruptedException {
        build(1 << 20);
        consumer.rebalance(List.of(tp0));
        record(tp0, 0, T0.plusSeconds(5));
        loop.turn();
        assertEquals(1, flushes.heldRecords());

        loop.rebalanceListener().onPartitionsLost(List.of(tp0));

        assertEquals(0, committed(tp0), "nothing committed for a lost partition");
        assertEquals(0, flushes.heldRecords());
        assertFalse(ownership.owns(0));
        clock.set(T0.plusSeconds(90));
        flushes.turn();
        assertTrue(flushes.idle(), "nothing left to write");
        assertTrue(lakeFiles().isEmpty());
    }

    @Test
    void lateRecordsOfAWrittenMinuteBecomeOneSuffixedFilePerInterval() throws InterruptedException {
        build(1 << 20);
        consumer.rebalance(List.of(tp0));
        record(tp0, 0, T0.plusSeconds(5));
        clock.set(T0.plusSeconds(90));
        loop.turn();
        clock.advance(Duration.ofSeconds(2));
        settle();
        record(tp0, 1, T0.plusSeconds(6));
        record(tp0, 2, T0.plusSeconds(7));
        settle();
        assertEquals(1, lakeFiles().size());
        assertEquals(1, committed(tp0), "the late records are buffered, not durable");

        clock.advance(Duration.ofSeconds(61));
        settle();

        assertEquals(List.of("minute/20250612_1122-p0o1.parquet", "minute/20250612_1122.parquet"), lakeFiles());
        assertEquals(3, committed(tp0));
        assertTrue(metrics.scrape().contains("fms_collector_records_late_total 2.0"), metrics.scrape());
    }

    @Test
    void aFullBufferPausesConsumptionUntilItDrains() throws InterruptedException {
        build(4_000);
        consumer.rebalance(List.of(tp0));
        for (long o = 0; o < 30; o++) {
            record(tp0, o, T0.plusSeconds(5));
        }
        loop.turn();
        assertEquals(Set.of(tp0), consumer.paused());

        settle();
        assertEquals(Set.of(), consumer.paused());
        assertEquals(30, committed(tp0));
    }

    @Test
    void aFinalCommitThatFailsIsLoggedAsFailedAndTheCloseIsBounded() {
        build(1 << 20);
        consumer.rebalance(List.of(tp0));
        record(tp0, 0, T0.plusSeconds(5));
        loop.turn();
        failCommits.set(true); // a rebalance starts: the shutdown's writes succeed, its commit fails
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(GracefulStop.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            loop.shutdown();
        } finally {
            logger.detachAppender(logs);
        }

        List<String> lines = logs.list.stream()
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.startsWith("WARN shutdown: offset commit FAILED "
                                        + "(org.apache.kafka.common.errors.RebalanceInProgressException")
                                && l.contains("will be re-read after the restart")),
                lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains("committed the durable position")), lines.toString());
        assertTrue(consumer.closed());
        assertTrue(
                closeTimeout.get().compareTo(Duration.ofSeconds(2)) <= 0,
                "the close gets its share of SHUTDOWN_TIMEOUT (10 s here): " + closeTimeout.get());
    }

    @Test
    void shutdownWritesTheOpenMinuteCommitsAndCloses() {
        build(1 << 20);
        consumer.rebalance(List.of(tp0));
        record(tp0, 0, T0.plusSeconds(5));
        record(tp0, 1, T0.plusSeconds(50));
        loop.turn();

        loop.shutdown();

        assertEquals(List.of("minute/20250612_1122.parquet"), lakeFiles());
        assertTrue(consumer.closed());
        assertFalse(health.ready());
    }
}
