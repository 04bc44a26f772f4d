package io.fmslake.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fmslake.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Event times outside EVENT_TIME_MIN .. Kafka timestamp + EVENT_TIME_MAX_AHEAD become their own dead letters. */
class EventTimeBoundsTest {
    private static final Instant KAFKA = Instant.parse("2025-06-12T11:22:33Z");
    private static final RecordDecoder FIELD =
            new RecordDecoder(Optional.of("ts"), ZoneId.of("UTC"), 1 << 20, Optional.empty(), EventTimeBounds.DEFAULT);
    private static final RecordDecoder KAFKA_TIME =
            new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty(), EventTimeBounds.DEFAULT);

    private static Decoded decode(RecordDecoder decoder, long kafkaTimestamp, String eventTime) {
        byte[] json = ("{\"ts\":\"" + eventTime + "\",\"v\":1}").getBytes(StandardCharsets.UTF_8);
        return decoder.decode(3, 41, kafkaTimestamp, null, json);
    }

    @ParameterizedTest
    @CsvSource({
        "2000-01-01T00:00:00Z", // the floor itself
        "2025-06-12T11:22:33Z", // the Kafka timestamp
        "2025-06-13T11:22:33Z", // exactly one day ahead
        "2025-06-11T11:22:33Z", // late data: any time in the past down to the floor
    })
    void insideTheBoundsARecordIsARow(String eventTime) {
        Row row = assertInstanceOf(Row.class, decode(FIELD, KAFKA.toEpochMilli(), eventTime));
        assertEquals(Instant.parse(eventTime).toEpochMilli(), row.eventTime());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "9999-01-01T00:00:00Z|event_time_too_far_ahead|event time 9999-01-01T00:00:00Z is more than "
                        + "EVENT_TIME_MAX_AHEAD=PT24H after the record's Kafka timestamp 2025-06-12T11:22:33Z",
                "2025-06-13T11:22:33.001Z|event_time_too_far_ahead|",
                "1970-01-01T00:00:00Z|event_time_too_old|event time 1970-01-01T00:00:00Z is before "
                        + "EVENT_TIME_MIN=2000-01-01T00:00:00Z",
                "1999-12-31T23:59:59.999Z|event_time_too_old|",
            })
    void outsideTheBoundsARecordIsADeadLetterWithItsOwnReason(String eventTime, String reason, String detail) {
        DeadLetter d = assertInstanceOf(DeadLetter.class, decode(FIELD, KAFKA.toEpochMilli(), eventTime));
        assertEquals(reason, d.reason());
        assertEquals(3, d.partition());
        assertEquals(41, d.offset());
        assertEquals(KAFKA.toEpochMilli(), d.kafkaTimestamp());
        if (detail != null) {
            assertEquals(detail, d.detail());
        }
    }

    @Test
    void theDecisionDependsOnTheRecordAloneSoAReplayDecidesTheSame() {
        // the same record decoded again (a replay, or the backfill) gives the same answer whatever the wall clock
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    "event_time_too_far_ahead",
                    ((DeadLetter) decode(FIELD, KAFKA.toEpochMilli(), "2025-06-14T00:00:00Z")).reason());
            assertInstanceOf(Row.class, decode(FIELD, KAFKA.toEpochMilli(), "2025-06-13T00:00:00Z"));
        }
        // "ahead" is relative to the record's Kafka timestamp: the same event time is fine for a later record
        assertInstanceOf(
                Row.class, decode(FIELD, KAFKA.plus(Duration.ofDays(2)).toEpochMilli(), "2025-06-14T00:00:00Z"));
    }

    @Test
    void withTheKafkaTimestampAsEventTimeOnlyTheFloorApplies() {
        long far = Instant.parse("9999-01-01T00:00:00Z").toEpochMilli();
        assertEquals(far, ((Row) decode(KAFKA_TIME, far, "ignored")).eventTime());
        DeadLetter old = assertInstanceOf(DeadLetter.class, decode(KAFKA_TIME, 0, "ignored"));
        assertEquals(DeadLetter.EVENT_TIME_TOO_OLD, old.reason());
    }

    @Test
    void withoutAKafkaTimestampThereIsNoAheadToMeasure() {
        assertInstanceOf(Row.class, decode(FIELD, -1, "9999-01-01T00:00:00Z"));
    }

    @Test
    void theExtremesDoNotOverflow() {
        RecordDecoder wide =
                new RecordDecoder(Optional.of("ts"), ZoneId.of("UTC"), 1 << 20, Optional.empty(), EventTimeBounds.NONE);
        assertInstanceOf(Row.class, decode(wide, Long.MAX_VALUE, "0001-01-02T00:00:00Z"));
        assertInstanceOf(Row.class, decode(wide, 0, "9999-12-29T00:00:00Z"));
        assertEquals(
                DeadLetter.EVENT_TIME_TOO_FAR_AHEAD, ((DeadLetter) decode(FIELD, 0, "9999-12-29T00:00:00Z")).reason());
        assertInstanceOf(Row.class, decode(FIELD, Long.MAX_VALUE, "2025-06-12T00:00:00Z"));
    }

    @Test
    void aNegativeOrHugeMaxAheadIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EventTimeBounds(Instant.EPOCH, Duration.ofSeconds(-1)));
        assertThrows(
                IllegalArgumentException.class, () -> new EventTimeBounds(Instant.EPOCH, Duration.ofDays(5_000_000)));
    }
}
