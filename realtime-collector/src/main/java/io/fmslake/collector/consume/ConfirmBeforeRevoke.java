package io.fmslake.collector.consume;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Renews the upload lease before a revocation writes the revoked partitions' buffers. A revocation comes right
 * after a rebalance, during which commits fail (the member is not stable) and the lease may have run low; the
 * callback runs in the new generation, where a commit succeeds again. Everything else goes to the handler.
 */
final class ConfirmBeforeRevoke implements ConsumerRebalanceListener {
    private final RebalanceHandler handler;
    private final OffsetCommitter committer;
    private final Consumer<byte[], byte[]> consumer;

    ConfirmBeforeRevoke(RebalanceHandler handler, OffsetCommitter committer, Consumer<byte[], byte[]> consumer) {
        this.handler = handler;
        this.committer = committer;
        this.consumer = consumer;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            committer.confirm(consumer.assignment());
        }
        handler.onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        handler.onPartitionsAssigned(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        handler.onPartitionsLost(partitions);
    }
}
