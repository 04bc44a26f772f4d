package io.fmslake.backfill.handover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.backfill.load.Shard;
import io.fmslake.kafka.Offsets;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.TestProducer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The hand-over protocol against the real broker, with a plain group member standing in for a starting collector:
 * an empty group gets the end offsets recorded; a group with an active member that has not committed yet refuses
 * the backfill's commit, and the backfill waits for the member's own commit and takes that. Of the pods of an Indexed
 * Job only index 0 records; the others wait and take what it recorded.
 */
class HandOverProtocolIT {
    private final EmbeddedKafka kafka = EmbeddedKafka.shared();

    @Test
    void anEmptyGroupGetsTheEndOffsetsRecorded() {
        String topic = topic(2, 30);
        String group = "collector-" + UUID.randomUUID();
        try (Admin admin = kafka.admin()) {
            HandOverPoint point =
                    handOver(admin, topic, group, Duration.ofSeconds(30)).resolve();
            assertTrue(point.recordedByBackfill());
            Map<Integer, Long> end = new Offsets(admin, Duration.ofSeconds(30)).end(topic);
            assertEquals(end, point.offsets());
            assertEquals(end, new Offsets(admin, Duration.ofSeconds(30)).committed(group, topic));
            HandOverPoint again =
                    handOver(admin, topic, group, Duration.ofSeconds(30)).resolve();
            assertFalse(again.recordedByBackfill(), "the second time the committed offsets are just read");
            assertEquals(end, again.offsets());
        }
    }

    @Test
    void anActiveMemberWithoutCommitsMakesTheBackfillWaitForItsCommit() throws Exception {
        String topic = topic(2, 30);
        String group = "collector-" + UUID.randomUUID();
        try (Admin admin = kafka.admin();
                KafkaConsumer<byte[], byte[]> member = member(group)) {
            member.subscribe(List.of(topic));
            while (member.assignment().size() < 2) {
                member.poll(Duration.ofMillis(100));
            }
            CompletableFuture<HandOverPoint> waiting = CompletableFuture.supplyAsync(
                    () -> handOver(admin, topic, group, Duration.ofSeconds(60)).resolve());
            Thread.sleep(3_000);
            assertFalse(waiting.isDone(), "refused while the member is active, so still waiting");
            assertEquals(
                    Map.of(),
                    new Offsets(admin, Duration.ofSeconds(30)).committed(group, topic),
                    "nothing was committed over the member's head");

            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            start.put(new TopicPartition(topic, 0), new OffsetAndMetadata(12));
            start.put(new TopicPartition(topic, 1), new OffsetAndMetadata(17));
            member.commitSync(start); // the collector's start commit at its first assignment
            HandOverPoint point = waiting.get(30, TimeUnit.SECONDS);
            assertFalse(point.recordedByBackfill());
            assertEquals(Map.of(0, 12L, 1, 17L), point.offsets());
        }
    }

    @Test
    void givesUpAfterTheWaitWhenTheMemberNeverCommits() {
        String topic = topic(1, 5);
        String group = "collector-" + UUID.randomUUID();
        try (Admin admin = kafka.admin();
                KafkaConsumer<byte[], byte[]> member = member(group)) {
            member.subscribe(List.of(topic));
            while (member.assignment().isEmpty()) {
                member.poll(Duration.ofMillis(100));
            }
            HandOverException e = assertThrows(
                    HandOverException.class,
                    () -> handOver(admin, topic, group, Duration.ofSeconds(3)).resolve());
            assertTrue(e.getMessage().contains("no hand-over point after PT3S"), e.getMessage());
        }
    }

    @Test
    void onlyIndexZeroRecordsAndTheOtherIndexesTakeWhatItRecorded() throws Exception {
        String topic = topic(4, 40);
        String group = "collector-" + UUID.randomUUID();
        try (Admin admin = kafka.admin()) {
            Offsets offsets = new Offsets(admin, Duration.ofSeconds(30));
            CompletableFuture<HandOverPoint> one = CompletableFuture.supplyAsync(
                    () -> handOver(admin, topic, group, Duration.ofSeconds(60), new Shard(1, 2))
                            .resolve());
            Thread.sleep(3_000);
            assertFalse(one.isDone(), "index 1 waits for index 0");
            assertEquals(Map.of(), offsets.committed(group, topic), "index 1 recorded nothing");

            Map<Integer, Long> end = offsets.end(topic);
            HandOverPoint zero = handOver(admin, topic, group, Duration.ofSeconds(30), new Shard(0, 2))
                    .resolve();
            assertTrue(zero.recordedByBackfill());
            assertEquals(end, offsets.committed(group, topic), "index 0 recorded every partition in one commit");
            assertEquals(Map.of(0, end.get(0), 2, end.get(2)), zero.offsets(), "its own partitions' boundary");
            HandOverPoint point = one.get(30, TimeUnit.SECONDS);
            assertFalse(point.recordedByBackfill());
            assertEquals(Map.of(1, end.get(1), 3, end.get(3)), point.offsets());

            try (TestProducer producer = kafka.producer()) {
                producer.send(topic, 1, 5_000L, "{\"later\":true}");
            }
            HandOverPoint rerun = handOver(admin, topic, group, Duration.ofSeconds(30), new Shard(1, 2))
                    .resolve();
            assertEquals(
                    point.offsets(),
                    rerun.offsets(),
                    "a rerun of index 1 reads the recorded point, never the " + "new end offset");
        }
    }

    @Test
    void aNonZeroIndexGivesUpAfterTheWaitWithoutRecording() {
        String topic = topic(2, 10);
        String group = "collector-" + UUID.randomUUID();
        try (Admin admin = kafka.admin()) {
            HandOverException e = assertThrows(
                    HandOverException.class,
                    () -> handOver(admin, topic, group, Duration.ofSeconds(2), new Shard(1, 2))
                            .resolve());
            assertTrue(e.getMessage().contains("index 0 of the Job (shard 1/2)"), e.getMessage());
            assertEquals(Map.of(), new Offsets(admin, Duration.ofSeconds(30)).committed(group, topic));
        }
    }

    private HandOver handOver(Admin admin, String topic, String group, Duration wait) {
        return handOver(admin, topic, group, wait, Shard.SINGLE);
    }

    private HandOver handOver(Admin admin, String topic, String group, Duration wait, Shard shard) {
        return new HandOver(admin, topic, group, Clock.systemUTC(), wait, Duration.ofMillis(200), shard);
    }

    private String topic(int partitions, int records) {
        String topic = "protocol-" + UUID.randomUUID();
        kafka.createTopic(topic, partitions);
        try (TestProducer producer = kafka.producer()) {
            for (int i = 0; i < records; i++) {
                producer.send(topic, i % partitions, 1_000L + i, "{\"i\":" + i + "}");
            }
        }
        return topic;
    }

    private KafkaConsumer<byte[], byte[]> member(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
