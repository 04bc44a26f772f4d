package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.deadletter.ExpiredDeadLetters;
import io.fmslake.store.StoredObject;
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

/**
 * {@code DEAD_LETTER_RETENTION}: a merge run deletes the dead-letter files whose window ended longer ago, records
 * them under {@code _lake/expired/} first, and {@code verify} (Kafka still holding the records) reports them as
 * expired, not missing.
 */
class DeadLetterRetentionIT {
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");
    private static final Instant LATER = Instant.parse("2025-06-20T10:00:00Z");

    @Test
    void expiredDeadLettersAreDeletedRecordedAndReportedAsExpiredNotMissing() throws Exception {
        KafkaBroker kafka = EmbeddedKafka.shared();
        String topic = S3Endpoint.uniqueBucket("dl-retention");
        String group = topic + "-collector";
        kafka.createTopic(topic, 1);
        try (TestProducer producer = kafka.producer()) {
            for (int i = 0; i < 110; i++) {
                long t = i < 100 ? H10.toEpochMilli() + i * 1000L : LATER.toEpochMilli() + i;
                producer.send(topic, 0, t, i < 90 ? "{\"i\":" + i + "}" : "not json " + i);
            }
            producer.flush();
        }
        try (Admin admin = kafka.admin()) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(110)))
                    .all()
                    .get();
        }
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "dl-retention", topic)) {
            Map<String, String> env = lake.env();
            env.put("KAFKA_BROKERS", kafka.bootstrapServers());
            env.put("COLLECTOR_GROUP_ID", group);
            lake.write("minute/20250612_1000.parquet", 0, 0, 60, H10, 1000);
            lake.write("minute/20250612_1001.parquet", 0, 60, 90, H10.plusSeconds(60), 1000);
            DeadLetterRollUpIT.put(
                    lake, topic, H10.plusSeconds(90), "p0o90", letters(90, 95, H10.plusSeconds(90), 1000));
            DeadLetterRollUpIT.put(
                    lake, topic, H10.plusSeconds(95), "p0o95", letters(95, 100, H10.plusSeconds(95), 1000));
            DeadLetterRollUpIT.put(lake, topic, LATER, "p0o100", letters(100, 110, LATER.plusMillis(100), 1));

            assertEquals(0, lake.run(env, "verify"), lake.output());
            assertTrue(lake.output().contains("expected 110, missing 0, duplicated 0"), lake.output());

            // kept for ever by default: the day run rolls the day's dead letters up and deletes nothing else
            assertEquals(0, lake.run(env, "day", "--now", "2025-06-13T00:05:00Z"), lake.output());
            assertEquals(List.of("errors/20250612.parquet", "errors/20250620_1000-p0o100.parquet"), lake.errorKeys());
            assertTrue(lake.store.list(ExpiredDeadLetters.PREFIX).isEmpty());

            // seven days after 2025-06-12 ended, its dead letters expire; 2025-06-20's are rolled up and kept
            env.put("DEAD_LETTER_RETENTION", "7d");
            assertEquals(0, lake.run(env, "day", "--now", "2025-06-21T00:05:00Z"), lake.output());
            assertTrue(
                    lake.output()
                            .contains("expired 1 dead-letter file(s) (10 dead letters) older than "
                                    + "DEAD_LETTER_RETENTION=PT168H"),
                    lake.output());
            assertEquals(List.of("errors/20250620.parquet"), lake.errorKeys());
            List<String> records = lake.store.list(ExpiredDeadLetters.PREFIX).stream()
                    .map(StoredObject::key)
                    .toList();
            assertEquals(1, records.size(), records.toString());
            assertTrue(records.get(0).startsWith("_lake/expired/errors/20250612-"), records.toString());
            String status;
            try (java.io.InputStream in = lake.store.open("_lake/status/merge-day.json")) {
                status = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(status.contains("\"dead_letter_files_expired\" : 1"), status);
            assertTrue(status.contains("\"dead_letters_expired\" : 10"), status);

            assertEquals(0, lake.run(env, "verify"), lake.output());
            assertTrue(lake.output().contains("expected 110, missing 0, duplicated 0"), lake.output());
            assertTrue(lake.output().contains("expired dead letters 10"), lake.output());

            assertEquals(0, lake.run(env, "day", "--now", "2025-06-21T00:05:00Z"), lake.output());
            assertFalse(lake.output().contains("expired"), "a rerun has nothing more to expire: " + lake.output());
            assertEquals(0, lake.run(env, "status"), lake.output());
            assertTrue(lake.output().contains("expired: 1 dead-letter file(s), 10 dead letters"), lake.output());

            // the record is what tells expired from missing
            lake.store.delete(records.get(0));
            assertEquals(1, lake.run(env, "verify"), lake.output());
            assertTrue(lake.output().contains("expected 110, missing 10, duplicated 0"), lake.output());
        }
    }

    private static List<DeadLetter> letters(long from, long to, Instant start, long stepMillis) {
        List<DeadLetter> out = new ArrayList<>();
        for (long o = from; o < to; o++) {
            out.add(new DeadLetter(
                    0,
                    o,
                    start.toEpochMilli() + (o - from) * stepMillis,
                    null,
                    ("not json " + o).getBytes(StandardCharsets.UTF_8),
                    DeadLetter.NOT_JSON,
                    "test"));
        }
        return out;
    }
}
