package io.fmslake.backfill.handover;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/** Commits offsets for a consumer group with the Admin client: Kafka accepts it only while the group has no member. */
public final class GroupOffsets {
    private GroupOffsets() {}

    /** @throws KafkaException when Kafka refuses (e.g. the group has an active member) or does not answer */
    public static void commit(
            Admin admin, String group, String topic, Map<Integer, Long> offsets, String metadata, Duration timeout) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o, metadata)));
        try {
            admin.alterConsumerGroupOffsets(group, commit).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while committing offsets", e);
        }
    }
}
