package io.fmslake.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;

/** A test broker takes records with explicit partitions and timestamps and gives them back by coordinates. */
abstract class KafkaBrokerContract {

    abstract KafkaBroker broker();

    @Test
    void recordsComeBackWithTheirPartitionOffsetTimestampKeyAndValue() {
        String topic = "smoke-" + UUID.randomUUID();
        broker().createTopic(topic, 3);
        long t0 = 1_749_687_720_000L; // 2025-06-12T00:22:00Z
        int perPartition = 200;
        try (TestProducer producer = broker().producer()) {
            for (int i = 0; i < perPartition; i++) {
                for (int p = 0; p < 3; p++) {
                    producer.send(topic, p, t0 + i * 1000L, "{\"p\":" + p + ",\"i\":" + i + ",\"name\":\"한글 🚚\"}");
                }
            }
            producer.send(topic, 1, t0, "key-1".getBytes(UTF_8), null); // a tombstone with a key
        }

        List<ConsumerRecord<byte[], byte[]>> got =
                TestConsumer.read(broker(), topic, 3 * perPartition + 1, Duration.ofSeconds(30));
        assertEquals(3 * perPartition + 1, got.size());
        for (int p = 0; p < 3; p++) {
            int partition = p;
            List<ConsumerRecord<byte[], byte[]>> inPartition = got.stream()
                    .filter(r -> r.partition() == partition)
                    .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                    .toList();
            for (int i = 0; i < perPartition; i++) {
                ConsumerRecord<byte[], byte[]> r = inPartition.get(i);
                assertEquals(i, r.offset());
                assertEquals(t0 + i * 1000L, r.timestamp());
                assertEquals("{\"p\":" + p + ",\"i\":" + i + ",\"name\":\"한글 🚚\"}", new String(r.value(), UTF_8));
            }
        }
        ConsumerRecord<byte[], byte[]> tombstone = got.stream()
                .filter(r -> r.partition() == 1 && r.offset() == perPartition)
                .findFirst()
                .orElseThrow();
        assertNull(tombstone.value());
        assertArrayEquals("key-1".getBytes(UTF_8), tombstone.key());
    }

    @Test
    void aFiveMegabyteValueIsAccepted() {
        String topic = "big-" + UUID.randomUUID();
        broker().createTopic(topic, 1);
        byte[] big = new byte[5 << 20];
        java.util.Arrays.fill(big, (byte) 'x');
        try (TestProducer producer = broker().producer()) {
            producer.send(topic, 0, 1_749_687_720_000L, null, big);
        }
        List<ConsumerRecord<byte[], byte[]>> got = TestConsumer.read(broker(), topic, 1, Duration.ofSeconds(30));
        assertEquals(5 << 20, got.get(0).value().length);
    }

    @Test
    void creatingAnExistingTopicFails() {
        String topic = "twice-" + UUID.randomUUID();
        broker().createTopic(topic, 1);
        assertThrows(TopicExistsException.class, () -> broker().createTopic(topic, 1));
    }
}
