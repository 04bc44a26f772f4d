package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.deadletter.DeadLetterFile;
import io.fmslake.parquet.MemoryOutputFile;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.KafkaBroker;
import io.fmslake.testkit.S3Endpoint;
import io.fmslake.testkit.TestProducer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** {@code verify} against a real broker and {@code status} on the embedded S3 server. */
class StatusVerifyIT {
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");

    @Test
    void verifyCountsMissingAndDuplicatedRecordsAndStatusShowsTiersGapsAndOverlaps() throws Exception {
        KafkaBroker kafka = EmbeddedKafka.shared();
        String topic = S3Endpoint.uniqueBucket("verify");
        String group = topic + "-collector";
        kafka.createTopic(topic, 2);
        try (TestProducer producer = kafka.producer()) {
            for (int i = 0; i < 300; i++) {
                producer.send(topic, 0, H10.toEpochMilli() + i, "{\"i\":" + i + "}");
            }
            for (int i = 0; i < 200; i++) {
                producer.send(topic, 1, H10.toEpochMilli() + i, "{\"i\":" + i + "}");
            }
            producer.flush();
        }
        try (Admin admin = kafka.admin()) {
            // the collector has committed all of partition 0 and 150 records of partition 1
            admin.alterConsumerGroupOffsets(
                            group,
                            Map.of(
                                    new TopicPartition(topic, 0),
                                    new OffsetAndMetadata(300),
                                    new TopicPartition(topic, 1),
                                    new OffsetAndMetadata(150)))
                    .all()
                    .get();
        }
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "verify", topic)) {
            Map<String, String> env = lake.env();
            env.put("KAFKA_BROKERS", kafka.bootstrapServers());
            env.put("COLLECTOR_GROUP_ID", group);
            lake.write("minute/20250612_1000.parquet", 0, 0, 150, H10, 100);
            lake.write("minute/20250612_1001.parquet", 0, 150, 300, H10.plusSeconds(60), 100);
            lake.write("minute/20250612_1000-p1o0.parquet", 1, 0, 100, H10, 100);
            lake.write("minute/20250612_1003-p1o110.parquet", 1, 110, 150, H10.plusSeconds(180), 100);
            lake.store.put("errors/20250612_1000-p1o100.parquet", deadLetters(topic, 1, 100, 110));

            assertEquals(0, lake.run(env, "verify"), lake.output());
            assertTrue(lake.output().contains("expected 450, missing 0, duplicated 0"), lake.output());

            lake.write("minute/20250612_1001-p0o290.parquet", 0, 290, 300, H10.plusSeconds(89), 100);
            assertEquals(1, lake.run(env, "verify"), lake.output());
            assertTrue(lake.output().contains("missing 0, duplicated 10"), lake.output());

            lake.store.delete("minute/20250612_1001.parquet");
            assertEquals(1, lake.run(env, "verify"), lake.output());
            assertTrue(lake.output().contains("missing 140, duplicated 0"), lake.output());
            assertTrue(
                    lake.output()
                            .contains("partition 0: offsets [0, 300) of group " + group
                                    + ": expected 300, present 160, missing 140"),
                    lake.output());

            assertEquals(0, lake.run(env, "status"), lake.output());
            String status = lake.output();
            assertTrue(status.contains("total minute: 4 files, 300 rows"), status);
            assertTrue(status.contains("total errors: 1 files, 10 rows"), status);
            assertTrue(status.contains("minutes with no data: 1 in 1 gap(s)"), status);
            assertTrue(status.contains("2025-06-12T10:02 .. 2025-06-12T10:02 (1 minutes)"), status);

            assertEquals(0, lake.run(env, "hour", "--now", "2025-06-12T11:01:00Z"));
            lake.write("minute/20250612_1030-p1o150.parquet", 1, 150, 160, H10.plusSeconds(1800), 100);
            assertEquals(0, lake.run(env, "status"), lake.output());
            status = lake.output();
            assertTrue(status.contains("total hour: 1 files, 300 rows"), status);
            assertTrue(status.contains("windows covered at two levels: 1"), status);
            assertTrue(status.contains("minute/20250612_1030.parquet also inside hour/20250612_10_11.parquet"), status);
        }
    }

    private static byte[] deadLetters(String topic, int partition, long from, long to) {
        List<DeadLetter> letters = new ArrayList<>();
        for (long o = from; o < to; o++) {
            letters.add(new DeadLetter(
                    partition,
                    o,
                    H10.toEpochMilli() + o,
                    null,
                    "not json".getBytes(StandardCharsets.UTF_8),
                    DeadLetter.NOT_JSON,
                    "test"));
        }
        MemoryOutputFile out = new MemoryOutputFile();
        DeadLetterFile.write(letters, out, ParquetOptions.defaults("ZSTD"), topic);
        return out.toByteArray();
    }
}
