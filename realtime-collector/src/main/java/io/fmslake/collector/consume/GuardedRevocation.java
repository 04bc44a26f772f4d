package io.fmslake.collector.consume;

import io.fmslake.collector.flush.Ownership;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload lease's part of a revocation, around the {@link RebalanceHandler}:
 * <ul>
 *   <li>before: a commit renews the lease, so the revoked buffers can be written (a revocation comes right after a
 *       rebalance, during which commits fail and the lease may have run low; the callback runs in the new
 *       generation, where a commit succeeds again);</li>
 *   <li>after (the partitions are no longer owned, so no upload of them starts any more): wait until the uploads of
 *       them that started before have ended, at most the upload bound, before the group may hand them over.</li>
 * </ul>
 * Everything else goes to the handler.
 */
final class GuardedRevocation implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedRevocation.class);

    private final RebalanceHandler handler;
    private final OffsetCommitter committer;
    private final Consumer<byte[], byte[]> consumer;
    private final Ownership ownership;
    private volatile Duration uploadWait;

    GuardedRevocation(
            RebalanceHandler handler,
            OffsetCommitter committer,
            Consumer<byte[], byte[]> consumer,
            Ownership ownership) {
        this.handler = handler;
        this.committer = committer;
        this.consumer = consumer;
        this.ownership = ownership;
        this.uploadWait = ownership.uploadBound();
    }

    /** Cuts the revocation's writes and waits short (shutdown: the consumer's close revokes everything). */
    void shorten(Duration each) {
        handler.revokeTimeout(each);
        uploadWait = each;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            handler.onPartitionsRevoked(partitions);
            return;
        }
        committer.confirm(consumer.assignment());
        handler.onPartitionsRevoked(partitions);
        Set<Integer> revoked =
                partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        if (!ownership.awaitUploads(revoked, uploadWait)) {
            LOG.warn(
                    "revoked {}: an upload of them still runs after {} ms; handing them over anyway",
                    revoked,
                    uploadWait.toMillis());
        }
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
