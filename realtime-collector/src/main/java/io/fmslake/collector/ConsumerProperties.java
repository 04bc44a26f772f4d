package io.fmslake.collector;

import io.fmslake.kafka.KafkaClients;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

/**
 * The collector's Kafka consumer: the services' shared defaults ({@link KafkaClients#consumer}: manual commits,
 * read_committed, large fetches) plus cooperative-sticky assignment (a rebalance revokes only the partitions that
 * move, so the others keep their buffers), no reset policy ({@code auto.offset.reset=none}: the collector decides
 * every start position itself, see {@code consume.StartPositions}, so nothing ever jumps to the log end by accident),
 * metadata refreshed every PARTITION_DISCOVERY_INTERVAL (partitions added to the topic are noticed that soon), the
 * session timeout, and fetch sizes derived from the buffer cap so fetched-but-not-yet-polled data stays small next
 * to it.
 */
final class ConsumerProperties {
    private final Properties props;
    private final String clientId;
    private final long sessionTimeoutMillis;

    ConsumerProperties(CollectorSettings s, String instanceId) {
        this.clientId = "fms-realtime-collector-" + instanceId;
        this.sessionTimeoutMillis = s.sessionTimeout().toMillis();
        long cap = s.bufferMaxBytes();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        o.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        o.put(
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                String.valueOf(s.partitionDiscoveryInterval().toMillis()));
        o.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        o.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(s.maxPollRecords()));
        o.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(sessionTimeoutMillis));
        o.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(Math.max(500, sessionTimeoutMillis / 4)));
        o.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(clamp(cap / 4, 1L << 20, 64L << 20)));
        o.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(clamp(cap / 16, 256L << 10, 16L << 20)));
        this.props = KafkaClients.consumer(s.lake().kafka(), o);
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }

    Properties properties() {
        Properties copy = new Properties();
        copy.putAll(props);
        return copy;
    }

    String clientId() {
        return clientId;
    }

    long sessionTimeoutMillis() {
        return sessionTimeoutMillis;
    }
}
