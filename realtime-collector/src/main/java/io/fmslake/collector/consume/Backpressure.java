package io.fmslake.collector.consume;

import io.fmslake.collector.metrics.CollectorMetrics;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses every owned partition while the held records (buffered plus in flight) reach the cap, and resumes when
 * they fall below three quarters of it. Polling continues while paused, so the group membership stays alive.
 */
final class Backpressure {
    private static final Logger LOG = LoggerFactory.getLogger(Backpressure.class);

    private final Consumer<byte[], byte[]> consumer;
    private final CollectorMetrics metrics;
    private final long capBytes;
    private boolean paused;

    Backpressure(Consumer<byte[], byte[]> consumer, CollectorMetrics metrics, long capBytes) {
        this.consumer = consumer;
        this.metrics = metrics;
        this.capBytes = capBytes;
    }

    void update(long heldBytes) {
        if (!paused && heldBytes >= capBytes) {
            consumer.pause(consumer.assignment());
            paused = true;
            metrics.paused(true);
            LOG.info("buffer full ({} of {} bytes): paused consumption", heldBytes, capBytes);
        } else if (paused && heldBytes < capBytes / 4 * 3) {
            consumer.resume(consumer.paused());
            paused = false;
            metrics.paused(false);
            LOG.info("buffer drained ({} of {} bytes): resumed consumption", heldBytes, capBytes);
        }
    }

    /** Newly assigned partitions start paused while the buffer is full. */
    void assigned(Collection<TopicPartition> partitions) {
        if (paused) {
            consumer.pause(partitions);
        }
    }

    void removed(Collection<TopicPartition> partitions) {
        // a revoked partition leaves the paused set with the assignment; nothing to undo
    }

    boolean paused() {
        return paused;
    }
}
