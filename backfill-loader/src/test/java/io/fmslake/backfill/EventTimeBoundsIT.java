package io.fmslake.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.DuckDb;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.TestProducer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The backfill decodes with the same event-time bounds as the collector: a record dated 9999 and one dated 1970
 * become dead letters with their own reasons, the summary counts them by reason, and a rerun from the earliest
 * offsets decides the same (nothing moves between errors/ and the row tiers, nothing is written twice).
 */
class EventTimeBoundsIT {
    private final EmbeddedKafka kafka = EmbeddedKafka.shared();
    private final EmbeddedS3 s3 = EmbeddedS3.shared();

    @Test
    void outOfBoundsRecordsAreDeadLettersByReasonAndARerunDecidesTheSame() throws Exception {
        String topic = "bounds-" + UUID.randomUUID();
        History.createTopic(kafka, topic, 1);
        Instant now = Backfills.now();
        long kafkaTime = now.minus(Duration.ofHours(3)).toEpochMilli();
        try (TestProducer producer = kafka.producer()) {
            for (int i = 0; i < 40; i++) {
                long t = kafkaTime + i * 1000L;
                producer.send(topic, 0, t, "{\"ts\":" + t + ",\"i\":" + i + "}");
                if (i == 10) {
                    producer.send(topic, 0, t, "{\"ts\":\"9999-01-01T00:00:00Z\",\"i\":\"future\"}"); // offset 11
                }
                if (i == 20) {
                    producer.send(topic, 0, t, "{\"ts\":0,\"i\":\"unset clock\"}");                   // offset 22
                }
            }
        }
        Map<String, String> env = Backfills.env(kafka, s3, topic);
        env.put("EVENT_TIME_FIELD", "ts");

        Summary first = Backfills.run(env, now, false);
        assertEquals(42, first.records());
        assertEquals(40, first.rows());
        assertEquals(Map.of("event_time_too_far_ahead", 1L, "event_time_too_old", 1L), first.deadLettersByReason());
        try (ObjectStore store = Backfills.store(env)) {
            Map<Long, String> expectedErrors = Map.of(11L, "event_time_too_far_ahead", 22L, "event_time_too_old");
            assertEquals(expectedErrors, reasons(store));
            List<Long> rowOffsets = new Lake(store, Backfills.UTC).rows().stream().map(Lake.Row::offset).sorted()
                    .toList();
            assertEquals(40, rowOffsets.size());
            assertEquals(List.of(), rowOffsets.stream().filter(expectedErrors::containsKey).toList());

            Summary again = Backfills.run(env, now, true);
            assertEquals(42, again.records(), "--from-earliest reads everything again");
            assertEquals(first.deadLettersByReason(), again.deadLettersByReason());
            assertEquals(expectedErrors, reasons(store), "the same dead letters, once");
            assertEquals(40, new Lake(store, Backfills.UTC).rows().size(), "the same rows, once");
        }
    }

    /** offset -> reason of every dead letter under errors/, read by DuckDB; fails on a duplicate. */
    private static Map<Long, String> reasons(ObjectStore store) throws Exception {
        Path dir = Files.createTempDirectory("bounds-errors-");
        List<String> files = new ArrayList<>();
        for (StoredObject o : store.list("errors/")) {
            Path local = dir.resolve(o.key().replace('/', '_'));
            store.download(o.key(), local);
            files.add("'" + local.toAbsolutePath() + "'");
        }
        Map<Long, String> out = new TreeMap<>();
        try (DuckDb db = DuckDb.open()) {
            for (Map<String, Object> r : db.query("SELECT _kafka_offset o, _reason r FROM read_parquet(["
                    + String.join(",", files) + "])")) {
                if (out.put(((Number) r.get("o")).longValue(), (String) r.get("r")) != null) {
                    throw new AssertionError("dead letter twice: " + r);
                }
            }
        }
        return out;
    }
}
