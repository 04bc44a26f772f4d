package io.fmslake.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TelemetryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readingsArePlausibleAndCarryTheirEventTime() throws Exception {
        Telemetry t = new Telemetry(4, 5, 0, ZoneId.of("UTC"), 1);
        assertEquals(20, t.devices().size());
        assertEquals(
                4, t.devices().stream().map(Telemetry.Device::site).distinct().count());
        assertEquals(
                20, t.devices().stream().map(Telemetry.Device::id).distinct().count());
        Instant time = Instant.parse("2025-06-12T11:22:33.456Z");
        Set<String> statuses = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            Telemetry.Device d = t.devices().get(i % 20);
            Telemetry.Message m = t.next(d, time.plusSeconds(i * 60L));
            assertEquals(d.id(), m.key());
            JsonNode n = JSON.readTree(m.value());
            assertEquals(Instant.parse(n.get("ts").asText()).toEpochMilli(), m.timestamp());
            JsonNode r = n.get("readings");
            assertTrue(
                    r.get("temperature_c").isDouble()
                            && r.get("temperature_c").asDouble() > -10
                            && r.get("temperature_c").asDouble() < 90,
                    m.value());
            assertTrue(
                    r.get("humidity_pct").asDouble() >= 5
                            && r.get("humidity_pct").asDouble() <= 99,
                    m.value());
            assertTrue(
                    r.get("pressure_kpa").asDouble() > 90
                            && r.get("pressure_kpa").asDouble() < 900,
                    m.value());
            assertTrue(
                    r.get("vibration_mm_s").asDouble() > 0
                            && r.get("vibration_mm_s").asDouble() < 20,
                    m.value());
            assertTrue(r.get("power_kw").asDouble() > 0 && r.get("power_kw").asDouble() < 200, m.value());
            statuses.add(n.get("status").asText());
        }
        assertTrue(statuses.containsAll(Set.of("RUNNING", "IDLE")), statuses.toString());
    }

    @Test
    void aboutTheAskedShareOfMessagesIsBad() {
        Telemetry t = new Telemetry(2, 3, 100, ZoneId.of("UTC"), 2);
        int bad = 0;
        for (int i = 0; i < 10_000; i++) {
            String v = t.next(t.devices().get(i % 6), Instant.EPOCH.plusSeconds(1_700_000_000L + i))
                    .value();
            if (!isObjectWithTime(v)) {
                bad++;
            }
        }
        assertTrue(bad > 800 && bad < 1200, "bad messages: " + bad);
    }

    private static boolean isObjectWithTime(String value) {
        try {
            JsonNode n = JSON.readTree(value);
            return n != null && n.isObject() && n.has("ts");
        } catch (Exception e) {
            return false;
        }
    }
}
