package io.fmslake.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.config.ConfigException;
import io.fmslake.testkit.MemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeSettingsRecordTest {
    private static final Map<String, String> UTC = settings("fms-data", "UTC", "SUNDAY", "");

    private final MemoryObjectStore store = new MemoryObjectStore();
    private final LakeSettingsRecord record = new LakeSettingsRecord(store, Clock.systemUTC());

    static Map<String, String> settings(String topic, String zone, String weekStart, String field) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("KAFKA_TOPIC", topic);
        m.put("TIMEZONE", zone);
        m.put("WEEK_START", weekStart);
        m.put("EVENT_TIME_FIELD", field);
        return m;
    }

    private String text() {
        return new String(store.bytes(LakeSettingsRecord.KEY), StandardCharsets.UTF_8);
    }

    @Test
    void theFirstWriterRecordsAndEveryLaterStartWithTheSameSettingsPasses() {
        record.ensure(UTC, "realtime-collector");
        String first = text();
        assertTrue(first.contains("\"TIMEZONE\" : \"UTC\""), first);
        assertTrue(first.contains("\"recordedBy\" : \"realtime-collector\""), first);
        record.ensure(UTC, "batch-merger");
        record.compare(UTC);
        assertEquals(first, text(), "a matching start writes nothing");
    }

    @Test
    void aMismatchNamesEveryVariableWithBothValues() {
        record.ensure(UTC, "realtime-collector");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> record.ensure(settings("fms-data", "Europe/Berlin", "MONDAY", "ts"), "batch-merger"));
        assertEquals(3, e.errors().size(), e.getMessage());
        assertTrue(
                e.errors()
                        .get(0)
                        .startsWith("TIMEZONE=Europe/Berlin: the lake in bucket memory was written with "
                                + "TIMEZONE=UTC (recorded in _lake/settings.json)"),
                e.errors().get(0));
        assertTrue(e.errors().get(1).startsWith("WEEK_START=MONDAY:")
                && e.errors().get(1).contains("WEEK_START=SUNDAY"));
        assertTrue(e.errors().get(2).startsWith("EVENT_TIME_FIELD=ts:")
                && e.errors().get(2).contains("EVENT_TIME_FIELD= "));
        assertThrows(
                ConfigException.class,
                () -> record.compare(settings("other-topic", "UTC", "SUNDAY", "")),
                "read-only tools compare too");
    }

    @Test
    void anExistingLakeWithoutARecordGetsTheCurrentSettings() {
        store.put("hour/20250612_10_11.parquet", new byte[] {1});
        record.ensure(UTC, "batch-merger");
        assertTrue(text().contains("\"KAFKA_TOPIC\" : \"fms-data\""), text());
    }

    @Test
    void readOnlyToolsNeverWrite() {
        record.compare(UTC);
        assertEquals(List.of(), store.keys());
    }

    @Test
    void aKeyTheRecordLacksIsAddedAndUnknownKeysStay() {
        store.put(
                LakeSettingsRecord.KEY,
                ("{\"format\":1,\"settings\":{\"KAFKA_TOPIC\":\"fms-data\",\"TIMEZONE\":"
                                + "\"UTC\",\"FUTURE_SETTING\":\"x\"}}")
                        .getBytes(StandardCharsets.UTF_8));
        record.ensure(UTC, "backfill-loader");
        String now = text();
        assertTrue(
                now.contains("\"WEEK_START\" : \"SUNDAY\"")
                        && now.contains("\"EVENT_TIME_FIELD\" : \"\"")
                        && now.contains("\"FUTURE_SETTING\" : \"x\""),
                now);
        assertThrows(ConfigException.class, () -> record.ensure(settings("fms-data", "UTC", "MONDAY", ""), "x"));
    }

    @Test
    void anUnreadableOrNewerRecordRefusesTheStart() {
        store.put(LakeSettingsRecord.KEY, "not json".getBytes(StandardCharsets.UTF_8));
        ConfigException e = assertThrows(ConfigException.class, () -> record.ensure(UTC, "x"));
        assertTrue(
                e.getMessage()
                        .contains(
                                "MINIO_BUCKET=memory: the lake's settings record _lake/settings.json is " + "not JSON"),
                e.getMessage());
        store.put(LakeSettingsRecord.KEY, "{\"format\":2,\"settings\":{}}".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(ConfigException.class, () -> record.compare(UTC));
        assertTrue(e.getMessage().contains("has format 2, written by a newer version"), e.getMessage());
        assertFalse(text().contains("KAFKA_TOPIC"), "left as it was");
    }
}
