package io.fmslake.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.fmslake.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTimeTest {
    private static final long KAFKA_TS = 1_700_000_000_000L;

    private static Decoded decode(String zone, String json) {
        return new RecordDecoder(Optional.of("ts"), ZoneId.of(zone), 1 << 20, Optional.empty())
                .decode(0, 1, KAFKA_TS, null, json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "UTC|\"2025-06-12T11:22:33Z\"|2025-06-12T11:22:33Z",
                "UTC|\"2025-06-12T11:22:33.456Z\"|2025-06-12T11:22:33.456Z",
                "UTC|\"2025-06-12T20:22:33.456+09:00\"|2025-06-12T11:22:33.456Z",
                "UTC|\"2025-06-12 20:22:33+09:00\"|2025-06-12T11:22:33Z",
                "UTC|\"2025-06-12T11:22:33.123456789Z\"|2025-06-12T11:22:33.123Z",
                "Asia/Seoul|\"2025-06-12T20:22:33\"|2025-06-12T11:22:33Z",
                "Asia/Seoul|\"2025-06-12 20:22\"|2025-06-12T11:22:00Z",
                "Asia/Seoul|\"2025-06-12\"|2025-06-11T15:00:00Z",
                "Europe/Berlin|\"2025-03-30T02:30:00\"|2025-03-30T01:30:00Z",
                "Europe/Berlin|\"2025-10-26T02:30:00\"|2025-10-26T00:30:00Z",
                "UTC|1749727353|2025-06-12T11:22:33Z",
                "UTC|1749727353123|2025-06-12T11:22:33.123Z",
                "UTC|1749727353.5|2025-06-12T11:22:33.500Z",
                "UTC|\"1749727353\"|2025-06-12T11:22:33Z",
                "UTC|\" 1749727353123 \"|2025-06-12T11:22:33.123Z",
                "UTC|99999999999|5138-11-16T09:46:39Z",
                "UTC|100000000000|1973-03-03T09:46:40Z",
                "UTC|0|1970-01-01T00:00:00Z",
                "UTC|-86400|1969-12-31T00:00:00Z",
            })
    void accepted(String zone, String value, String expected) {
        Row row = assertInstanceOf(Row.class, decode(zone, "{\"ts\":" + value + ",\"x\":1}"));
        assertEquals(Instant.parse(expected).toEpochMilli(), row.eventTime());
        assertEquals(KAFKA_TS, row.kafkaTimestamp());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"x\":1}|field 'ts' is missing or null, expected ISO-8601 text or epoch seconds/millis",
                "{\"ts\":null}|field 'ts' is missing or null, expected ISO-8601 text or epoch seconds/millis",
                "{\"ts\":true}|field 'ts' is a boolean, expected ISO-8601 text or epoch seconds/millis",
                "{\"ts\":{\"s\":1}}|field 'ts' is an object, expected ISO-8601 text or epoch seconds/millis",
                "{\"ts\":[1]}|field 'ts' is an array, expected ISO-8601 text or epoch seconds/millis",
                "{\"ts\":\"\"}|field 'ts' is an empty string",
                "{\"ts\":\"yesterday\"}|",
                "{\"ts\":\"2025-13-01T00:00:00Z\"}|",
                "{\"ts\":\"2025-06-12T25:00:00Z\"}|",
                "{\"ts\":1e20}|field 'ts' '1.0E20' is outside 0001-01-02..9999-12-30",
                "{\"ts\":9223372036854775807}|field 'ts' '9223372036854775807' is outside 0001-01-02..9999-12-30",
                "{\"ts\":\"123456789012345678901234\"}|",
            })
    void refused(String json, String detail) {
        DeadLetter d = assertInstanceOf(DeadLetter.class, decode("UTC", json));
        assertEquals("bad_event_time", d.reason());
        if (detail != null) {
            assertEquals(detail, d.detail());
        } else {
            assertEquals(0, d.detail().indexOf("field 'ts' '"), d.detail());
        }
    }

    @Test
    void aDottedNameReachesIntoNestedObjects() {
        RecordDecoder d = new RecordDecoder(Optional.of("meta.ts"), ZoneId.of("UTC"), 1 << 20, Optional.empty());
        byte[] nested = "{\"meta\":{\"ts\":1749727353}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(1_749_727_353_000L, ((Row) d.decode(0, 1, KAFKA_TS, null, nested)).eventTime());
        byte[] flat = "{\"meta.ts\":1749727354,\"meta\":{\"ts\":1}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(1_749_727_354_000L, ((Row) d.decode(0, 1, KAFKA_TS, null, flat)).eventTime());
        byte[] scalar = "{\"meta\":5}".getBytes(StandardCharsets.UTF_8);
        assertEquals("bad_event_time", ((DeadLetter) d.decode(0, 1, KAFKA_TS, null, scalar)).reason());
    }

    @Test
    void withoutAFieldTheKafkaTimestampIsTheEventTime() {
        RecordDecoder d = new RecordDecoder(Optional.empty(), ZoneId.of("Asia/Seoul"), 1 << 20, Optional.empty());
        byte[] v = "{\"ts\":\"2025-06-12T11:22:33Z\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(KAFKA_TS, ((Row) d.decode(0, 1, KAFKA_TS, null, v)).eventTime());
        DeadLetter none = assertInstanceOf(DeadLetter.class, d.decode(0, 1, -1, null, v));
        assertEquals("bad_event_time", none.reason());
        assertEquals("the Kafka record has no timestamp (-1)", none.detail());
        assertEquals(
                KAFKA_TS,
                ((Row) new RecordDecoder(Optional.of(" "), ZoneId.of("UTC"), 1 << 20, Optional.empty())
                                .decode(0, 1, KAFKA_TS, null, v))
                        .eventTime());
    }
}
