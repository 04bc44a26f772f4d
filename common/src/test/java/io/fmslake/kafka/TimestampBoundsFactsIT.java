package io.fmslake.kafka;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.TestProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.junit.jupiter.api.Test;

/**
 * What a Kafka 4 broker does with CreateTime timestamps far from its clock, which bounds the event time of a lake
 * whose EVENT_TIME_FIELD is empty (docs/contract.md, "Event times far from now"). Since Kafka 4.0 (KIP-1030)
 * {@code log.message.timestamp.after.max.ms} defaults to one hour: a record stamped further ahead is refused with
 * InvalidTimestampException. {@code log.message.timestamp.before.max.ms} stays unlimited: 1970 is accepted. A topic
 * that raises {@code message.timestamp.after.max.ms} accepts year 9999.
 */
class TimestampBoundsFactsIT {
    private final EmbeddedKafka kafka = EmbeddedKafka.shared();

    private void send(String topic, long timestamp) {
        try (TestProducer producer = kafka.producer()) {
            producer.send(topic, 0, timestamp, "{}");
        }
    }

    @Test
    void theBrokerRefusesCreateTimeMoreThanAnHourAheadByDefault() {
        String topic = "ts-default-" + UUID.randomUUID();
        kafka.createTopic(topic, 1);
        Instant now = Instant.now();
        send(topic, now.plus(Duration.ofMinutes(30)).toEpochMilli());
        send(topic, 0); // 1970: no lower bound
        for (Instant ahead : new Instant[] {now.plus(Duration.ofHours(2)), Instant.parse("9999-01-01T00:00:00Z")}) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class, () -> send(topic, ahead.toEpochMilli()), ahead.toString());
            assertInstanceOf(InvalidTimestampException.class, e.getCause(), String.valueOf(e.getCause()));
        }
    }

    @Test
    void aTopicThatRaisesTheLimitAcceptsYear9999() {
        String topic = "ts-raised-" + UUID.randomUUID();
        kafka.createTopic(topic, 1, Map.of("message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE)));
        send(topic, Instant.parse("9999-01-01T00:00:00Z").toEpochMilli());
    }
}
