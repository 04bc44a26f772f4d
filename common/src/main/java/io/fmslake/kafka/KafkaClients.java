package io.fmslake.kafka;

import io.fmslake.config.KafkaSettings;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Client properties for the services' consumers and admin clients: connection and security from
 * {@link KafkaSettings#clientProperties()}, then the defaults below, then the caller's overrides (last wins).
 * The result holds secrets (SASL/SSL): hand it to the client, never log it.
 */
public final class KafkaClients {
    /** Records per poll: large, so one poll fills a good part of a Parquet row group. */
    public static final int MAX_POLL_RECORDS = 10_000;

    private KafkaClients() {}

    /**
     * Consumer of raw bytes in {@code settings.groupId()}: no auto-commit (the services commit after the data is
     * durable), read_committed, earliest when the group has no offset, and fetch sizes tuned for throughput.
     */
    public static Properties consumer(KafkaSettings settings, Map<String, ?> overrides) {
        Properties p = new Properties();
        p.putAll(settings.clientProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(MAX_POLL_RECORDS));
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(1 << 20));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 << 20));
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(1 << 20));
        p.putAll(overrides);
        return p;
    }

    /** Admin client for offsets and topic metadata. */
    public static Properties admin(KafkaSettings settings, Map<String, ?> overrides) {
        Properties p = new Properties();
        p.putAll(settings.clientProperties());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        p.putAll(overrides);
        return p;
    }
}
