package io.fmslake.collector.consume;

import io.fmslake.collector.buffer.WindowBuffer;
import io.fmslake.collector.buffer.WindowedBuffers;
import io.fmslake.collector.flush.FlushCoordinator;
import io.fmslake.collector.flush.Ownership;
import io.fmslake.collector.metrics.CollectorMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps buffers, ownership and commits right across rebalances (cooperative-sticky: only moved partitions are
 * revoked). Runs on the poll thread, inside {@code poll}.
 * <ul>
 *   <li>Assigned: the partitions become owned and each starts where {@link StartPositions} decides (the committed
 *       offset; the log start past a retention gap; the lake's first missing offset when offsets were lost;
 *       START_OFFSET only on the group's very first start). Every start that differs from the committed offset is
 *       committed at once: it is the hand-over point the backfill reads.</li>
 *   <li>Revoked (an orderly hand-over): everything buffered for them, closed minutes and open ones, is written
 *       now; then the durable position is committed and the rest dropped, so the new owner starts exactly
 *       after what is in the lake. Open minutes thus get a file now and the new owner's later file is suffixed.</li>
 *   <li>Lost (this member was fenced out of the group): nothing may be committed any more; the buffers are
 *       dropped and the new owner re-reads them, its probe skipping whatever this replica made durable.</li>
 *   <li>A position out of the log while running ({@link #reposition}): resume where {@link StartPositions} says,
 *       without a commit (records below it may still be buffered, not durable).</li>
 * </ul>
 */
final class RebalanceHandler implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(RebalanceHandler.class);

    private final Consumer<byte[], byte[]> consumer;
    private final WindowedBuffers buffers;
    private final FlushCoordinator flushes;
    private final OffsetCommitter committer;
    private final Ownership ownership;
    private final CollectorMetrics metrics;
    private final StartPositions starts;
    private final Backpressure backpressure;
    private volatile Duration revokeTimeout = Duration.ofSeconds(30);

    RebalanceHandler(
            Consumer<byte[], byte[]> consumer,
            WindowedBuffers buffers,
            FlushCoordinator flushes,
            OffsetCommitter committer,
            Ownership ownership,
            CollectorMetrics metrics,
            StartPositions starts,
            Backpressure backpressure) {
        this.consumer = consumer;
        this.buffers = buffers;
        this.flushes = flushes;
        this.committer = committer;
        this.ownership = ownership;
        this.metrics = metrics;
        this.starts = starts;
        this.backpressure = backpressure;
    }

    /** Bounds the write on revocation (shortened during shutdown). */
    void revokeTimeout(Duration timeout) {
        revokeTimeout = timeout;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        ownership.assigned(numbers(partitions));
        backpressure.assigned(partitions);
        start(partitions);
    }

    /** Seeks each partition to its decided start and commits the starts that differ from the committed offset. */
    private void start(Collection<TopicPartition> partitions) {
        Map<Integer, TopicPartition> byNumber =
                partitions.stream().collect(Collectors.toMap(TopicPartition::partition, tp -> tp));
        Map<TopicPartition, OffsetAndMetadata> begin = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (StartDecision d : starts.assigned(partitions)) {
            TopicPartition tp = byNumber.get(d.partition());
            consumer.seek(tp, d.offset());
            begin.put(tp, new OffsetAndMetadata(d.offset()));
            if (d.rule() == StartDecision.Rule.COMMITTED) {
                committer.known(tp, d.offset());
            } else {
                commit.put(
                        tp,
                        new OffsetAndMetadata(
                                d.offset(),
                                "fms-realtime-collector start (" + d.rule().label() + ")"));
            }
        }
        LOG.info("assigned {}: starting at {}", partitions, offsets(begin));
        if (!commit.isEmpty()) {
            consumer.commitSync(commit, Duration.ofSeconds(30));
            commit.forEach((tp, o) -> committer.known(tp, o.offset()));
            LOG.info("committed the starts {} at once, as the hand-over point for the backfill", offsets(commit));
        }
    }

    /** A position fell out of the log, or was never set: resume where the start rules say. Poll thread. */
    void reposition(InvalidOffsetException e) {
        Set<TopicPartition> owned = new HashSet<>(e.partitions());
        owned.retainAll(consumer.assignment());
        if (e instanceof OffsetOutOfRangeException o) {
            Map<TopicPartition, Long> positions = new HashMap<>(o.offsetOutOfRangePartitions());
            positions.keySet().retainAll(owned);
            Map<Integer, TopicPartition> byNumber =
                    owned.stream().collect(Collectors.toMap(TopicPartition::partition, tp -> tp));
            for (StartDecision d : starts.outOfRange(positions)) {
                consumer.seek(byNumber.get(d.partition()), d.offset());
            }
        } else if (!owned.isEmpty()) {
            start(owned);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Set<Integer> revoked = numbers(partitions);
        List<WindowBuffer> taken = buffers.takePartitions(revoked);
        long records = taken.stream().mapToLong(WindowBuffer::count).sum();
        boolean done = flushes.flushNow(taken, "revoked", revokeTimeout);
        boolean committed;
        try {
            committed = committer.commit(partitions);
        } catch (KafkaException e) {
            committed = false;
        }
        buffers.takePartitions(revoked);
        ownership.removed(revoked);
        forget(partitions);
        LOG.info(
                "revoked {}: wrote {} buffered records ({}), committed {}",
                partitions,
                records,
                done ? "all durable" : "some not durable, their new owner re-reads them",
                committed ? "yes" : "no");
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Set<Integer> lost = numbers(partitions);
        ownership.removed(lost);
        long dropped = buffers.takePartitions(lost).stream()
                .mapToLong(WindowBuffer::count)
                .sum();
        forget(partitions);
        LOG.warn(
                "lost {} (fenced out of the group): dropped {} buffered records, committed nothing; the new owner "
                        + "re-reads them",
                partitions,
                dropped);
    }

    private void forget(Collection<TopicPartition> partitions) {
        committer.forget(partitions);
        backpressure.removed(partitions);
        partitions.forEach(tp -> metrics.lagGone(tp.partition()));
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
    }

    private static String offsets(Map<TopicPartition, OffsetAndMetadata> m) {
        return m.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::partition)))
                .map(e -> e.getKey().partition() + "=" + e.getValue().offset())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
