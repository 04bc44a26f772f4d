package io.fmslake.collector.consume;

import io.fmslake.collector.CrashPoints;
import io.fmslake.collector.buffer.PartitionProgress;
import io.fmslake.collector.buffer.SizeEstimator;
import io.fmslake.collector.buffer.WindowedBuffers;
import io.fmslake.collector.flush.FlushCoordinator;
import io.fmslake.collector.flush.Ownership;
import io.fmslake.collector.http.Health;
import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.deadletter.DeadLetter;
import io.fmslake.row.Decoded;
import io.fmslake.row.RecordDecoder;
import io.fmslake.row.Row;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread: poll, decode, buffer by minute, confirm group membership, let the {@link FlushCoordinator} write
 * what is due, commit what became durable, pause while the buffer is full. Membership is confirmed by a commit of
 * every owned partition at least every fifth of the session timeout (and right before a revocation's writes): each
 * success renews the upload lease ({@link OffsetCommitter}). {@link #stop()} (any thread) ends it: everything
 * buffered is written, the durable position committed, and the consumer closed, each step within its share of the
 * shutdown timeout ({@link GracefulStop}).
 */
public final class ConsumerLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long MAX_CONFIRM_EVERY_MILLIS = 5_000;
    private static final long LAG_EVERY_MILLIS = 1_000;

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final WindowedBuffers buffers;
    private final PartitionProgress progress;
    private final Ownership ownership;
    private final FlushCoordinator flushes;
    private final CollectorMetrics metrics;
    private final Health health;
    private final Clock clock;
    private final CrashPoints crash;
    private final long confirmEveryMillis;
    private final RecordDecoding decoding;
    private final OffsetCommitter committer;
    private final Backpressure backpressure;
    private final RebalanceHandler rebalance;
    private final GuardedRevocation revocation;
    private final GracefulStop stop;
    private volatile boolean stopping;
    private long lastConfirmMillis = Long.MIN_VALUE / 2;
    private long lastLagMillis;

    public ConsumerLoop(
            Consumer<byte[], byte[]> consumer,
            LoopConfig config,
            RecordDecoder decoder,
            WindowedBuffers buffers,
            PartitionProgress progress,
            FlushCoordinator flushes,
            Ownership ownership,
            CollectorMetrics metrics,
            Health health,
            Clock clock,
            CrashPoints crash,
            StartLedger ledger) {
        this.consumer = consumer;
        this.topic = config.topic();
        this.buffers = buffers;
        this.progress = progress;
        this.ownership = ownership;
        this.flushes = flushes;
        this.metrics = metrics;
        this.health = health;
        this.clock = clock;
        this.crash = crash;
        this.confirmEveryMillis = Math.max(200, Math.min(MAX_CONFIRM_EVERY_MILLIS, config.sessionTimeoutMillis() / 5));
        this.decoding = new RecordDecoding(decoder, config.decodeThreads());
        this.committer =
                new OffsetCommitter(consumer, flushes, ownership, metrics, clock, crash, config.commitMetadata());
        this.backpressure = new Backpressure(consumer, metrics, config.bufferMaxBytes());
        this.rebalance = new RebalanceHandler(
                consumer,
                buffers,
                flushes,
                committer,
                ownership,
                metrics,
                new StartPositions(
                        consumer, topic, config.startOffset(), ledger, metrics, clock, config.commitMetadata()),
                backpressure);
        this.revocation = new GuardedRevocation(rebalance, committer, consumer, ownership);
        this.stop = new GracefulStop(
                consumer,
                buffers,
                flushes,
                committer,
                revocation,
                health,
                ShutdownBudget.of(config.shutdownTimeout()),
                Duration.ofMillis(confirmEveryMillis));
        metrics.leaseRemaining(() ->
                ownership.everConfirmed() ? (ownership.leaseUntilMillis() - clock.millis()) / 1000.0 : Double.NaN);
    }

    /** The rebalance listener (tests call it to simulate a lost assignment). */
    RebalanceHandler rebalanceListener() {
        return rebalance;
    }

    /** Asks the loop to finish; returns at once. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    @Override
    public void run() {
        start();
        try {
            while (!stopping) {
                turn();
            }
        } finally {
            shutdown();
        }
    }

    void start() {
        consumer.subscribe(List.of(topic), revocation);
        health.started();
        LOG.info("consuming {}", topic);
    }

    void turn() {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(POLL);
        } catch (WakeupException e) {
            return;
        } catch (InvalidOffsetException e) {
            rebalance.reposition(e); // auto.offset.reset=none: out of the log (retention), resume per the rules
            return;
        }
        health.turned();
        progress.assigned(ownership.owned());
        if (!records.isEmpty()) {
            buffer(records);
            crash.reached("after-poll");
        }
        long now = clock.millis();
        if (now - lastConfirmMillis >= confirmEveryMillis) {
            lastConfirmMillis = now;
            committer.confirm(consumer.assignment()); // before the flushes start, so they find a fresh lease
        }
        if (flushes.turn()) {
            committer.commit(consumer.assignment());
        }
        backpressure.update(flushes.heldBytes());
        if (backpressure.paused()) {
            buffers.touchAll(now);
        }
        metrics.buffered(flushes.heldBytes(), flushes.heldRecords());
        if (now - lastLagMillis >= LAG_EVERY_MILLIS) {
            lastLagMillis = now;
            for (TopicPartition tp : consumer.assignment()) {
                OptionalLong lag = consumer.currentLag(tp);
                lag.ifPresent(v -> {
                    metrics.lag(tp.partition(), v);
                    progress.lag(tp.partition(), v);
                });
            }
        }
    }

    private void buffer(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        Decoded[] decoded = decoding.decode(list);
        long now = clock.millis();
        long late = 0;
        for (int i = 0; i < decoded.length; i++) {
            ConsumerRecord<byte[], byte[]> r = list.get(i);
            if (decoded[i] instanceof Row row) {
                long est = SizeEstimator.row(
                        r.key() == null ? 0 : r.key().length,
                        row.packedPayload().map(p -> p.length).orElse(r.value().length));
                if (buffers.addRow(row, est, now)) {
                    late++;
                }
            } else if (decoded[i] instanceof DeadLetter d) {
                buffers.addDeadLetter(d, SizeEstimator.deadLetter(d), now);
                metrics.deadLettered(d.reason());
            } else {
                throw new IllegalStateException(
                        "decoder returned neither row nor dead letter for " + r.partition() + "@" + r.offset());
            }
        }
        metrics.consumed(decoded.length);
        metrics.late(late);
    }

    /** Writes everything, commits the durable position, closes the consumer; bounded by the shutdown timeout. */
    void shutdown() {
        try {
            stop.run();
        } finally {
            decoding.close();
        }
    }
}
