package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.deadletter.DeadLetterFile;
import io.fmslake.parquet.MemoryOutputFile;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dead letters roll up like rows: a catch-up day run over a day of minute dead-letter files (one per minute, plus a
 * few replayed ones), an hour run, then the week; DuckDB reads errors/*.parquet and counts by Kafka coordinates.
 */
class DeadLetterRollUpIT {
    private static final Instant DAY = Instant.parse("2025-06-12T00:00:00Z");

    /** The dead letter of minute {@code i}: partition i % 2, offset i / 2; every third value is not UTF-8. */
    static DeadLetter letter(int i, Instant minute) {
        boolean binary = i % 3 == 0;
        byte[] value = binary
                ? new byte[] {(byte) 0xFF, (byte) (i % 256)}
                : ("bad json #" + i).getBytes(StandardCharsets.UTF_8);
        return new DeadLetter(
                i % 2,
                i / 2,
                minute.toEpochMilli() + (i % 50) * 1000L,
                ("k" + i).getBytes(StandardCharsets.UTF_8),
                value,
                binary ? DeadLetter.INVALID_UTF8 : DeadLetter.NOT_JSON,
                "minute " + i);
    }

    static void put(LakeFixture lake, Instant minute, String suffix, List<DeadLetter> letters) {
        put(lake, LakeFixture.TOPIC, minute, suffix, letters);
    }

    /** Writes a minute dead-letter file of {@code topic}, named like the collector names them. */
    static void put(LakeFixture lake, String topic, Instant minute, String suffix, List<DeadLetter> letters) {
        MemoryOutputFile out = new MemoryOutputFile();
        DeadLetterFile.write(letters, out, ParquetOptions.defaults("ZSTD"), topic);
        lake.store.put(
                lake.codec.format(LakeKey.deadLetter(lake.codec.windowOf(Level.MINUTE, minute), suffix)),
                out.toByteArray());
    }

    @Test
    void aCatchUpDayOf1440MinuteFilesAnHourAndTheWeekRollUpExactlyWithTheirValuesAndReasons() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "dl-rollup")) {
            Map<String, DeadLetter> want = new HashMap<>();
            for (int i = 0; i < 1440; i++) {
                Instant minute = DAY.plusSeconds(60L * i);
                DeadLetter d = letter(i, minute);
                put(lake, minute, "p" + d.partition() + "o" + d.offset(), List.of(d));
                want.put(d.partition() + "@" + d.offset(), d);
                if (i % 300 == 7) {
                    put(lake, minute, "replay", List.of(d)); // a replay wrote it again: one copy must stay
                }
            }
            lake.write("minute/20250612_1000.parquet", 0, 0, 100, DAY.plusSeconds(36_000), 100);
            assertEquals(1445, lake.errorKeys().size());

            assertEquals(0, lake.run("day", "--now", "2025-06-13T00:05:00Z"), lake.output());
            assertEquals(List.of("errors/20250612.parquet"), lake.errorKeys());
            assertEquals(List.of("day/20250612.parquet"), lake.tierKeys());
            // the replayed files hold nothing the others do not: deleted without being read (the fold rule)
            assertTrue(
                    lake.output()
                            .contains("merged errors/20250612.parquet: 1440 files, 1440 dead letters, "
                                    + "0 duplicates dropped"),
                    lake.output());
            assertTrue(lake.output().contains("1445 deleted"), lake.output());
            assertExact(lake, want);

            Instant late = Instant.parse("2025-06-13T10:05:00Z");
            for (int i = 1440; i < 1444; i++) {
                DeadLetter d = letter(i, late.plusSeconds(60L * (i % 2)));
                put(lake, late.plusSeconds(60L * (i % 2)), "p" + d.partition() + "o" + d.offset(), List.of(d));
                want.put(d.partition() + "@" + d.offset(), d);
            }
            assertEquals(0, lake.run("hour", "--now", "2025-06-13T11:01:00Z"), lake.output());
            assertEquals(List.of("errors/20250612.parquet", "errors/20250613_10_11.parquet"), lake.errorKeys());

            assertEquals(0, lake.run("week", "--now", "2025-06-15T00:10:00Z", "--window", "2025-06-08"), lake.output());
            assertEquals(List.of("errors/20250608_20250614.parquet"), lake.errorKeys());
            assertEquals(List.of("week/20250608_20250614.parquet"), lake.tierKeys());
            assertExact(lake, want);

            assertEquals(0, lake.run("status"), lake.output());
            assertTrue(lake.output().contains("errors: minute=0 hour=0 day=0 week=1 files"), lake.output());
            assertTrue(lake.output().contains("total errors: 1 files, 1444 rows"), lake.output());
        }
    }

    /** DuckDB over errors/*.parquet: every letter once, with its raw value, reason, detail and timestamp. */
    private static void assertExact(LakeFixture lake, Map<String, DeadLetter> want) {
        List<List<Object>> rows = lake.query(
                "SELECT _kafka_partition, _kafka_offset, _raw_text, hex(_raw_bytes), _reason, "
                        + "_detail, epoch_ms(_kafka_timestamp), _kafka_key FROM LAKE",
                lake.errorKeys());
        assertEquals(want.size(), rows.size(), "no dead letter missing or twice");
        List<String> seen = new ArrayList<>();
        for (List<Object> r : rows) {
            String coordinates = ((Number) r.get(0)).intValue() + "@" + ((Number) r.get(1)).longValue();
            DeadLetter d = want.get(coordinates);
            assertTrue(d != null, "unexpected " + coordinates);
            seen.add(coordinates);
            String text =
                    DeadLetter.INVALID_UTF8.equals(d.reason()) ? null : new String(d.value(), StandardCharsets.UTF_8);
            assertEquals(text, r.get(2), coordinates);
            assertEquals(HexFormat.of().withUpperCase().formatHex(d.value()), r.get(3), coordinates);
            assertEquals(d.reason(), r.get(4));
            assertEquals(d.detail(), r.get(5));
            assertEquals(d.kafkaTimestamp(), ((Number) r.get(6)).longValue());
            assertEquals(d.keyText(), r.get(7));
        }
        assertEquals(want.size(), seen.stream().distinct().count());
    }
}
