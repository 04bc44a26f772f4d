package io.fmslake.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fmslake.store.ObjectStore;
import io.fmslake.testkit.DeadLetterReasons;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.TestProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    void outOfBoundsRecordsAreDeadLettersByReasonAndARerunDecidesTheSame() throws InterruptedException {
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
                    producer.send(topic, 0, t, "{\"ts\":0,\"i\":\"unset clock\"}"); // offset 22
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
            Map<Long, List<String>> expectedErrors =
                    Map.of(11L, List.of("event_time_too_far_ahead"), 22L, List.of("event_time_too_old"));
            assertEquals(expectedErrors, DeadLetterReasons.of(store, 0));
            List<Long> rowOffsets = new Lake(store, Backfills.UTC)
                    .rows().stream().map(Lake.Row::offset).sorted().toList();
            assertEquals(40, rowOffsets.size());
            assertEquals(
                    List.of(),
                    rowOffsets.stream().filter(expectedErrors::containsKey).toList());

            Summary again = Backfills.run(env, now, true);
            assertEquals(42, again.records(), "--from-earliest reads everything again");
            assertEquals(first.deadLettersByReason(), again.deadLettersByReason());
            assertEquals(expectedErrors, DeadLetterReasons.of(store, 0), "the same dead letters, once");
            assertEquals(40, new Lake(store, Backfills.UTC).rows().size(), "the same rows, once");
        }
    }
}
