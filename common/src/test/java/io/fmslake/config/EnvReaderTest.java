package io.fmslake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReaderTest {
    @Test
    void parsesDurationsInShortAndIsoForm() {
        assertEquals(Duration.ofMillis(500), EnvReader.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(30), EnvReader.parseDuration("30s"));
        assertEquals(Duration.ofMinutes(5), EnvReader.parseDuration("5m"));
        assertEquals(Duration.ofHours(2), EnvReader.parseDuration("2h"));
        assertEquals(Duration.ofDays(1), EnvReader.parseDuration("1d"));
        assertEquals(Duration.ofSeconds(90), EnvReader.parseDuration("PT90S"));
        assertNull(EnvReader.parseDuration("5 minutes"));
    }

    @Test
    void parsesSizesWithBinaryUnits() {
        EnvReader r = new EnvReader(Map.of("A", "64MiB", "B", "512k", "C", "1048576", "D", "1G", "E", "lots"));
        assertEquals(64L << 20, r.bytes("A", 0, 0, Long.MAX_VALUE));
        assertEquals(512L << 10, r.bytes("B", 0, 0, Long.MAX_VALUE));
        assertEquals(1L << 20, r.bytes("C", 0, 0, Long.MAX_VALUE));
        assertEquals(1L << 30, r.bytes("D", 0, 0, Long.MAX_VALUE));
        assertEquals(7, r.bytes("E", 7, 0, Long.MAX_VALUE));
        assertEquals(1, r.errors().size());
    }

    @Test
    void blankMeansUnset() {
        EnvReader r = new EnvReader(Map.of("X", "   "));
        assertEquals("fallback", r.string("X", "fallback"));
        assertEquals(42, r.integer("X", 42, 0, 100));
        assertEquals(0, r.errors().size());
    }

    @Test
    void integersOutsideTheirRangeAreErrors() {
        EnvReader r = new EnvReader(Map.of("PORT", "70000"));
        assertEquals(8080, r.integer("PORT", 8080, 1, 65535));
        assertEquals("PORT=70000: must be an integer in [1, 65535]", r.errors().get(0));
    }
}
