package io.fmslake.backfill.handover;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** The few Admin look-ups the hand-over needs, by partition number of the one topic. */
public final class KafkaOffsets {
    private static final long TIMEOUT_SECONDS = 60;

    private KafkaOffsets() {
    }

    public static List<Integer> partitions(Admin admin, String topic) {
        List<Integer> out = new ArrayList<>();
        for (TopicPartitionInfo info : get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions()) {
            out.add(info.partition());
        }
        out.sort(Integer::compare);
        return out;
    }

    /** The group's committed offsets for the topic's partitions (partitions without one are absent). */
    public static Map<Integer, Long> committed(Admin admin, String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> all =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<Integer, Long> out = new TreeMap<>();
        all.forEach((tp, om) -> {
            if (om != null && tp.topic().equals(topic)) {
                out.put(tp.partition(), om.offset());
            }
        });
        return out;
    }

    public static Map<Integer, Long> earliest(Admin admin, String topic, List<Integer> partitions) {
        return offsets(admin, topic, partitions, OffsetSpec.earliest());
    }

    public static Map<Integer, Long> latest(Admin admin, String topic, List<Integer> partitions) {
        return offsets(admin, topic, partitions, OffsetSpec.latest());
    }

    /** Commits offsets for a group that has no active member (Kafka refuses otherwise). */
    public static void commit(Admin admin, String group, String topic, Map<Integer, Long> offsets, String metadata) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o, metadata)));
        get(admin.alterConsumerGroupOffsets(group, commit).all());
    }

    private static Map<Integer, Long> offsets(Admin admin, String topic, List<Integer> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(topic, p), spec));
        Map<Integer, Long> out = new TreeMap<>();
        get(admin.listOffsets(request).all()).forEach((tp, info) -> out.put(tp.partition(), info.offset()));
        return out;
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new HandOverException("Kafka admin request failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new HandOverException("Kafka admin request timed out after " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandOverException("interrupted", e);
        }
    }
}
