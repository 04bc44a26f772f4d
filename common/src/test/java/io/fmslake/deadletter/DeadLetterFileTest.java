package io.fmslake.deadletter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LocalFiles;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.row.Decoded;
import io.fmslake.row.RecordDecoder;
import io.fmslake.schema.LakeSchema;
import io.fmslake.testkit.DuckDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterFileTest {
    private static final long TS = 1_749_727_353_000L;

    @TempDir
    Path dir;

    private static List<DeadLetter> letters() {
        RecordDecoder decoder = new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty());
        byte[] big = new byte[5 << 20];
        Arrays.fill(big, (byte) 'x');
        List<byte[]> values = Arrays.asList(
                big,
                new byte[] {'{', (byte) 0xFF, '}'},
                "[1,2]".getBytes(StandardCharsets.UTF_8),
                "42".getBytes(StandardCharsets.UTF_8),
                "{\"a\":".getBytes(StandardCharsets.UTF_8),
                new byte[0],
                null,
                "{\"온도\":\"🚚\"} trailing".getBytes(StandardCharsets.UTF_8));
        List<DeadLetter> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            byte[] key =
                    i == 1 ? new byte[] {(byte) 0xFE, 0} : i == 2 ? null : ("키" + i).getBytes(StandardCharsets.UTF_8);
            // timestamps descending, so the file must sort them
            Decoded d = decoder.decode(i % 2, 10 + i, TS - i * 1000L, key, values.get(i));
            out.add((DeadLetter) d);
        }
        return out;
    }

    @Test
    void lettersRoundTripSortedWithTheirRawBytes() {
        List<DeadLetter> letters = letters();
        assertEquals(
                List.of(
                        "too_large",
                        "invalid_utf8",
                        "not_object",
                        "not_object",
                        "not_json",
                        "empty",
                        "tombstone",
                        "not_json"),
                letters.stream().map(DeadLetter::reason).toList());
        Path file = dir.resolve("errors.parquet");
        FileSummary summary =
                DeadLetterFile.write(letters, LocalFiles.output(file), ParquetOptions.defaults("ZSTD"), "fms");
        assertEquals(8, summary.rows());
        assertEquals(
                "0:10-10,12-12,14-14,16-16;1:11-11,13-13,15-15,17-17",
                summary.offsets().encode());
        assertEquals(TS - 7000, summary.minEventTime());
        assertEquals(TS, summary.maxEventTime());

        List<DeadLetter> back = DeadLetterFile.read(LocalFiles.input(file));
        List<DeadLetter> expected = new ArrayList<>(letters);
        expected.sort(DeadLetterFile.ORDER);
        assertEquals(expected, back);
        assertArrayEquals(new byte[] {(byte) 0xFE, 0}, back.get(6).key());
        assertNull(back.get(1).value());

        FileFooter footer = FileFooter.read(LocalFiles.input(file));
        assertEquals(summary, footer.summary());
        assertEquals(LakeSchema.empty(), footer.schema());
        assertEquals(8, footer.rowCount());
    }

    @Test
    void duckDbReadsTheRawValueAndTheReason() {
        Path file = dir.resolve("errors.parquet");
        DeadLetterFile.write(letters(), LocalFiles.output(file), ParquetOptions.defaults("SNAPPY"), "fms");
        try (DuckDb duck = DuckDb.open()) {
            Map<String, String> types = duck.columnTypes(file);
            assertEquals(
                    Map.of(
                            "_raw_text",
                            "VARCHAR",
                            "_raw_bytes",
                            "BLOB",
                            "_reason",
                            "VARCHAR",
                            "_detail",
                            "VARCHAR",
                            "_kafka_partition",
                            "INTEGER",
                            "_kafka_offset",
                            "BIGINT",
                            "_kafka_timestamp",
                            "TIMESTAMP WITH TIME ZONE",
                            "_kafka_key",
                            "VARCHAR",
                            "_raw_key",
                            "BLOB"),
                    types);
            List<Map<String, Object>> rows = duck.query("SELECT _reason, _raw_text, octet_length(_raw_bytes) AS n, "
                    + "epoch_ms(_kafka_timestamp) AS ts, _kafka_key FROM " + DuckDb.parquet(file)
                    + " ORDER BY _kafka_offset");
            assertEquals("too_large", rows.get(0).get("_reason"));
            assertEquals(5L << 20, rows.get(0).get("n"));
            assertNull(rows.get(1).get("_raw_text"));
            assertEquals(3L, rows.get(1).get("n"));
            assertEquals("[1,2]", rows.get(2).get("_raw_text"));
            assertEquals("{\"온도\":\"🚚\"} trailing", rows.get(7).get("_raw_text"));
            assertEquals("키7", rows.get(7).get("_kafka_key"));
            assertNull(rows.get(6).get("n"));
            assertEquals(TS - 6000, rows.get(6).get("ts"));
        }
    }
}
