package io.fmslake.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.TestProducer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Facts about Kafka consumer groups that the backfill hand-over relies on, measured on the real broker:
 * while a group has an active subscribed member, neither a standalone consumer (assign(), same group.id) nor
 * Admin.alterConsumerGroupOffsets can commit offsets for it; once the member has left, both can, and the next
 * subscriber starts from what they committed. Checked for both group protocols (classic and KIP-848 consumer).
 */
class GroupCommitFactsIT {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitFactsIT.class);
    private final EmbeddedKafka kafka = EmbeddedKafka.shared();

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void commitsForAGroupWithAnActiveMemberAreRejectedAndAcceptedAfterItLeft(String protocol) throws Exception {
        String topic = "facts-" + UUID.randomUUID();
        String group = "group-" + protocol + "-" + UUID.randomUUID();
        kafka.createTopic(topic, 2);
        try (TestProducer producer = kafka.producer()) {
            for (int i = 0; i < 20; i++) {
                producer.send(topic, i % 2, 1_000L + i, "v" + i);
            }
        }
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        Map<TopicPartition, OffsetAndMetadata> handOver =
                Map.of(p0, new OffsetAndMetadata(7), p1, new OffsetAndMetadata(4));

        try (Admin admin = kafka.admin();
                KafkaConsumer<byte[], byte[]> member = consumer(group, protocol)) {
            Offsets offsets = new Offsets(admin, Duration.ofSeconds(30));
            member.subscribe(List.of(topic));
            awaitAssignment(member);
            member.commitSync(Map.of(p0, new OffsetAndMetadata(1)));
            assertEquals(Map.of(0, 1L), offsets.committed(group, topic));

            try (KafkaConsumer<byte[], byte[]> standalone = consumer(group, protocol)) {
                standalone.assign(List.of(p0, p1));
                KafkaException e = assertThrows(KafkaException.class, () -> standalone.commitSync(handOver));
                LOG.info(
                        "FACT [{}] standalone commitSync while a member is active: {}: {}",
                        protocol,
                        e.getClass().getName(),
                        e.getMessage());
            }
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> admin.alterConsumerGroupOffsets(group, handOver).all().get());
            LOG.info(
                    "FACT [{}] Admin.alterConsumerGroupOffsets while a member is active: {}: {}",
                    protocol,
                    e.getCause().getClass().getName(),
                    e.getCause().getMessage());
            assertEquals(Map.of(0, 1L), offsets.committed(group, topic), "nothing was committed");

            member.close(); // leaves the group
            admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(6)))
                    .all()
                    .get();
            assertEquals(Map.of(0, 6L), offsets.committed(group, topic), "admin commit once the group is empty");
            try (KafkaConsumer<byte[], byte[]> standalone = consumer(group, protocol)) {
                standalone.assign(List.of(p0, p1));
                standalone.commitSync(handOver);
            }
            assertEquals(
                    Map.of(0, 7L, 1, 4L), offsets.committed(group, topic), "standalone commit once the group is empty");
        }

        try (KafkaConsumer<byte[], byte[]> next = consumer(group, protocol)) {
            next.subscribe(List.of(topic));
            Map<Integer, Long> firstOffsets = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (firstOffsets.size() < 2 && System.nanoTime() < deadline) {
                next.poll(Duration.ofMillis(200)).forEach(r -> firstOffsets.putIfAbsent(r.partition(), r.offset()));
            }
            assertEquals(Map.of(0, 7L, 1, 4L), firstOffsets, "the next subscriber resumes at the handed-over offsets");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void aStandaloneConsumerDoesNotMakeTheGroupBusy(String protocol) throws Exception {
        String topic = "facts-" + UUID.randomUUID();
        String group = "group-" + protocol + "-" + UUID.randomUUID();
        kafka.createTopic(topic, 1);
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (Admin admin = kafka.admin();
                KafkaConsumer<byte[], byte[]> standalone = consumer(group, protocol)) {
            standalone.assign(List.of(p0));
            standalone.commitSync(Map.of(p0, new OffsetAndMetadata(0)));
            // the standalone consumer is still open; the group has no member, so the admin can commit
            admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(0)))
                    .all()
                    .get();
            var description =
                    admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            assertNotNull(description);
            assertTrue(description.members().isEmpty(), "no members: " + description.members());
            assertFalse(description.groupState().toString().isEmpty());
            LOG.info("FACT [{}] group state with only a standalone committer: {}", protocol, description.groupState());
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group, String protocol) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static void awaitAssignment(KafkaConsumer<byte[], byte[]> member) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (member.assignment().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no assignment within 30 s");
            member.poll(Duration.ofMillis(100));
        }
    }
}
