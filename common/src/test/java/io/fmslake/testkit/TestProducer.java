package io.fmslake.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends test records with explicit partitions and timestamps. Sends are asynchronous and batched (acks=all,
 * idempotent); {@link #flush()} waits for all of them and throws the first failure. Values up to 16 MiB.
 */
public final class TestProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();

    TestProducer(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // one request in flight: a retry right after a new topic's NOT_LEADER_OR_FOLLOWER was seen to end in
        // OUT_OF_ORDER_SEQUENCE_NUMBER (retried until the delivery timeout) with five in flight
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 << 10));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64 << 20));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 << 20));
        this.producer = new KafkaProducer<>(p);
    }

    /** Sends a UTF-8 text value without key. */
    public void send(String topic, int partition, long timestamp, String value) {
        send(topic, partition, timestamp, null, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends raw bytes; {@code key} and {@code value} may be null (a null value is a tombstone). */
    public void send(String topic, int partition, long timestamp, byte[] key, byte[] value) {
        send(new ProducerRecord<>(topic, partition, timestamp, key, value));
    }

    public void send(ProducerRecord<byte[], byte[]> record) {
        Exception earlier = failure.get();
        if (earlier != null) {
            throw new IllegalStateException("an earlier send failed", earlier);
        }
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
        sent.incrementAndGet();
    }

    /** Waits until every record sent so far is acknowledged; throws if any failed. */
    public void flush() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("a send failed", e);
        }
    }

    /** Records handed to {@link #send} so far. */
    public long sent() {
        return sent.get();
    }

    /** Flushes, then closes. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }
}
