package io.fmslake.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a topic starts and ends, and where a consumer group stands in it, read with an {@link Admin} client.
 * Maps are keyed by partition number, sorted. End offsets are read_committed (the last stable offset).
 */
public final class Offsets {
    private final Admin admin;
    private final Duration timeout;

    public Offsets(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** The topic's partition numbers, sorted. */
    public List<Integer> partitions(String topic) {
        TopicDescription d =
                await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
        return d.partitions().stream().map(p -> p.partition()).sorted().toList();
    }

    /** The first offset still stored in each partition. */
    public Map<Integer, Long> beginning(String topic) {
        return list(topic, OffsetSpec.earliest());
    }

    /** The offset after the last committed-transaction record of each partition (the next to be written). */
    public Map<Integer, Long> end(String topic) {
        return list(topic, OffsetSpec.latest());
    }

    /** The group's committed offsets in the topic; partitions without a commit are absent. */
    public Map<Integer, Long> committed(String groupId, String topic) {
        Map<TopicPartition, OffsetAndMetadata> all =
                await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        Map<Integer, Long> result = new TreeMap<>();
        all.forEach((tp, om) -> {
            if (om != null && tp.topic().equals(topic)) {
                result.put(tp.partition(), om.offset());
            }
        });
        return result;
    }

    private Map<Integer, Long> list(String topic, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request =
                partitions(topic).stream().collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> spec));
        var answer = await(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all());
        return answer.entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().partition(), e -> e.getValue().offset(), (a, b) -> a, TreeMap::new));
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while asking Kafka for offsets", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not answer within " + timeout, e);
        }
    }
}
