package io.fmslake.collector.consume;

import io.fmslake.collector.CrashPoints;
import io.fmslake.collector.flush.FlushCoordinator;
import io.fmslake.collector.metrics.CollectorMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits, per partition, the lowest offset not yet durable (buffered or being written), or the consumer's
 * position when nothing is pending: every offset below a committed one is durable in the lake. Commits only what
 * moved. A failed commit (rebalance, fencing, timeout) is logged and retried next time; the rebalance listener
 * deals with partitions that were lost.
 */
final class OffsetCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final FlushCoordinator flushes;
    private final CollectorMetrics metrics;
    private final CrashPoints crash;
    private final String metadata;
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    OffsetCommitter(Consumer<byte[], byte[]> consumer, FlushCoordinator flushes, CollectorMetrics metrics,
                    CrashPoints crash, String metadata) {
        this.consumer = consumer;
        this.flushes = flushes;
        this.metrics = metrics;
        this.crash = crash;
        this.metadata = metadata;
    }

    /** The offset that may be committed now for the partition. */
    long committable(TopicPartition tp) {
        long lowest = flushes.lowestPending(tp.partition());
        return lowest >= 0 ? lowest : consumer.position(tp, TIMEOUT);
    }

    /** Commits what moved for these partitions. @return false when the commit failed */
    boolean commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        try {
            for (TopicPartition tp : partitions) {
                long target = committable(tp);
                Long before = committed.get(tp);
                if (before == null || before != target) {
                    offsets.put(tp, new OffsetAndMetadata(target, metadata));
                }
            }
            if (offsets.isEmpty()) {
                return true;
            }
            consumer.commitSync(offsets, TIMEOUT);
        } catch (KafkaException e) {
            LOG.warn("offset commit of {} failed, will retry: {}", offsets.keySet(), e.toString());
            return false;
        }
        offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
        metrics.committed();
        LOG.debug("committed {}", offsets);
        crash.reached("after-commit");
        return true;
    }

    /** Records an offset known to be committed (found or committed at assignment). */
    void known(TopicPartition tp, long offset) {
        committed.put(tp, offset);
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(committed::remove);
    }
}
