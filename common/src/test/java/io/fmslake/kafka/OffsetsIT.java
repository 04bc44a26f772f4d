package io.fmslake.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.TestProducer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetsIT {
    private final EmbeddedKafka kafka = EmbeddedKafka.shared();

    @Test
    void beginningEndAndCommittedOffsetsByPartition() throws Exception {
        String topic = "offsets-" + UUID.randomUUID();
        kafka.createTopic(topic, 3);
        try (TestProducer producer = kafka.producer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(topic, 0, 1000L + i, "a" + i);
            }
            for (int i = 0; i < 4; i++) {
                producer.send(topic, 2, 1000L + i, "c" + i);
            }
        }
        try (Admin admin = kafka.admin()) {
            Offsets offsets = new Offsets(admin, Duration.ofSeconds(30));
            assertEquals(List.of(0, 1, 2), offsets.partitions(topic));
            assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L), offsets.beginning(topic));
            assertEquals(Map.of(0, 10L, 1, 0L, 2, 4L), offsets.end(topic));
            assertEquals(Map.of(), offsets.committed("nobody-" + UUID.randomUUID(), topic));

            String group = "g-" + UUID.randomUUID();
            admin.alterConsumerGroupOffsets(
                            group,
                            Map.of(
                                    new TopicPartition(topic, 0),
                                    new OffsetAndMetadata(3),
                                    new TopicPartition(topic, 2),
                                    new OffsetAndMetadata(4)))
                    .all()
                    .get();
            assertEquals(Map.of(0, 3L, 2, 4L), offsets.committed(group, topic));
            assertEquals(Map.of(), offsets.committed(group, "other-topic"));
            assertThrows(KafkaException.class, () -> offsets.partitions("missing-" + UUID.randomUUID()));
        }
    }
}
