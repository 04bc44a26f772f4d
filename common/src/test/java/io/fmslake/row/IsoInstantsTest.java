package io.fmslake.row;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path agrees with DateTimeFormatter.ISO_DATE_TIME, and declines whatever it does not handle itself. */
class IsoInstantsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-06-12T11:22:33Z",
                "2025-06-12T11:22:33.456Z",
                "2025-06-12T20:22:33.456+09:00",
                "2025-06-12T11:22:33.123456789Z",
                "2025-06-12T11:22:33.1Z",
                "2025-06-12T01:22:33-05:30",
                "1969-12-31T23:59:59.999Z",
                "1900-02-28T00:00:00.5Z",
                "2024-02-29T23:59:59+18:00",
                "0001-01-02T00:00:00Z",
                "9999-12-30T23:59:59.999-18:00",
                "2025-06-12 20:22:33+09:00"
            })
    void agreesWithTheGeneralParser(String text) {
        assertEquals(general(text), IsoInstants.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-06-12T11:22Z",
                "2025-06-12T11:22:33",
                "2025-06-12",
                "2025-06-12T11:22:33.Z",
                "2025-06-12T11:22:33.1234567891Z",
                "2025-06-12T11:22:33+09",
                "2025-06-12T11:22:33+09:00:00",
                "2025-06-12T11:22:33+19:00",
                "2025-06-12T24:00:00Z",
                "2025-06-12T11:60:00Z",
                "2025-06-12T11:22:60Z",
                "2025-02-30T11:22:33Z",
                "2025-13-01T00:00:00Z",
                "2025-06-12T11:22:33z",
                "2025-06-12T11:22:33Z[UTC]",
                "+12025-06-12T11:22:33Z",
                "2025-06-1xT11:22:33Z",
                "2025-06-12T11:22:33.45 Z"
            })
    void declinesWhatItDoesNotHandle(String text) {
        assertEquals(IsoInstants.NOT_FAST, IsoInstants.parse(text), text);
    }

    @Test
    void randomInstantsAndOffsets() {
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long millis = rnd.nextLong(-62_000_000_000_000L, 253_000_000_000_000L);
            int offsetMinutes = (rnd.nextInt(36 * 60 + 1) - 18 * 60);
            String text = ZonedDateTime.ofInstant(
                            java.time.Instant.ofEpochMilli(millis).plusNanos(rnd.nextInt(1_000_000)),
                            java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60))
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertEquals(general(text), IsoInstants.parse(text), text);
        }
    }

    private static long general(String text) {
        String iso = text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        return ZonedDateTime.parse(iso, DateTimeFormatter.ISO_DATE_TIME)
                .toInstant()
                .toEpochMilli();
    }
}
