package io.fmslake.collector.consume;

import io.fmslake.collector.CrashPoints;
import io.fmslake.collector.flush.FlushCoordinator;
import io.fmslake.collector.flush.Ownership;
import io.fmslake.collector.metrics.CollectorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits, per partition, the lowest offset not yet durable (buffered or being written), or the consumer's
 * position when nothing is pending: every offset below a committed one is durable in the lake. {@link #commit}
 * sends only what moved; {@link #confirm} sends every partition, moved or not.
 *
 * <p>A commit that succeeds is the membership proof the upload lease rests on: the classic consumer sends it only in
 * a stable generation, with its member id and generation; the coordinator accepts it only from a current member of
 * that generation, and restarts that member's session when it does (kafka 4.3.1: OffsetMetadataManager
 * reschedules the classic member's heartbeat on a commit in Stable or PreparingRebalance). So the start time of a
 * successful commit goes to {@link Ownership#confirmed}. A failed commit (rebalance, fencing, timeout) is logged
 * and confirms nothing; the rebalance listener deals with partitions that were lost.
 */
final class OffsetCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final FlushCoordinator flushes;
    private final Ownership ownership;
    private final CollectorMetrics metrics;
    private final Clock clock;
    private final CrashPoints crash;
    private final String metadata;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private Duration timeout = TIMEOUT;
    private String lastFailure = "";

    OffsetCommitter(
            Consumer<byte[], byte[]> consumer,
            FlushCoordinator flushes,
            Ownership ownership,
            CollectorMetrics metrics,
            Clock clock,
            CrashPoints crash,
            String metadata) {
        this.consumer = consumer;
        this.flushes = flushes;
        this.ownership = ownership;
        this.metrics = metrics;
        this.clock = clock;
        this.crash = crash;
        this.metadata = metadata;
    }

    /** The offset that may be committed now for the partition. */
    long committable(TopicPartition tp) {
        long lowest = flushes.lowestPending(tp.partition());
        return lowest >= 0 ? lowest : consumer.position(tp, timeout);
    }

    /** Commits what moved for these partitions. @return false when the commit failed */
    boolean commit(Collection<TopicPartition> partitions) {
        return send(partitions, false);
    }

    /** Commits every one of these partitions, moved or not; success renews the membership lease. */
    boolean confirm(Collection<TopicPartition> partitions) {
        return send(partitions, true);
    }

    private boolean send(Collection<TopicPartition> partitions, boolean all) {
        try {
            return sendOnce(partitions, all);
        } catch (WakeupException e) {
            return sendOnce(partitions, all); // the stop's wakeup met this call instead of a poll: it is used up now
        }
    }

    private boolean sendOnce(Collection<TopicPartition> partitions, boolean all) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        long start = clock.millis();
        try {
            for (TopicPartition tp : partitions) {
                long target = committable(tp);
                Long before = committed.get(tp);
                if (all || before == null || before != target) {
                    offsets.put(tp, new OffsetAndMetadata(target, metadata));
                }
            }
            if (offsets.isEmpty()) {
                return true;
            }
            consumer.commitSync(offsets, timeout);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            lastFailure = e.toString();
            LOG.warn("offset commit of {} failed: {}", offsets.keySet(), lastFailure);
            return false;
        }
        ownership.confirmed(start);
        offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
        metrics.committed();
        LOG.debug("committed {}", offsets);
        crash.reached("after-commit");
        return true;
    }

    /** How long each commit (and position lookup) may take; shortened during shutdown. */
    void timeout(Duration value) {
        timeout = value;
    }

    /** Why the last failed commit failed. */
    String lastFailure() {
        return lastFailure;
    }

    /** What this replica knows to be committed, by partition number (for logs). */
    Map<Integer, Long> knownCommitted() {
        Map<Integer, Long> out = new TreeMap<>();
        committed.forEach((tp, o) -> out.put(tp.partition(), o));
        return out;
    }

    /** Records an offset known to be committed (found or committed at assignment). */
    void known(TopicPartition tp, long offset) {
        committed.put(tp, offset);
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(committed::remove);
    }
}
