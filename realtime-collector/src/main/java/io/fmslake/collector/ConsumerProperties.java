package io.fmslake.collector;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka consumer configuration of the collector: manual commits, cooperative-sticky assignment (a rebalance
 * revokes only the partitions that move, so the others keep their buffers), read_committed, and fetch sizes
 * derived from the buffer cap so fetched-but-unpolled data stays small next to it.
 */
final class ConsumerProperties {
    static final int SESSION_TIMEOUT_MS = 45_000;

    private final Map<String, Object> map = new LinkedHashMap<>();
    private final String clientId;

    ConsumerProperties(CollectorSettings s, String instanceId) {
        this.clientId = "fms-realtime-collector-" + instanceId;
        map.putAll(s.lake().kafka().clientProperties());
        map.put(ConsumerConfig.GROUP_ID_CONFIG, s.lake().kafka().groupId());
        map.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        map.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        map.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, s.startOffset().name().toLowerCase(Locale.ROOT));
        map.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        map.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        map.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        map.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        map.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, s.maxPollRecords());
        map.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        long cap = s.bufferMaxBytes();
        map.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, (int) clamp(cap / 4, 1L << 20, 64L << 20));
        map.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, (int) clamp(cap / 16, 256L << 10, 8L << 20));
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }

    Map<String, Object> map() {
        return Map.copyOf(map);
    }

    String clientId() {
        return clientId;
    }

    long sessionTimeoutMillis() {
        return SESSION_TIMEOUT_MS;
    }
}
