package io.fmslake.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.Decoded;
import io.fmslake.row.JsonObject;
import io.fmslake.row.JsonText;
import io.fmslake.row.RecordDecoder;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.SchemaInference;
import io.fmslake.testkit.DuckDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lake files written from JSON read back by DuckDB, an independent reader: equal values and types. */
class DuckDbRoundTripTest {
    private static final long T0 = 1_749_727_353_123L;
    private static DuckDb duck;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        duck = DuckDb.open();
    }

    @AfterAll
    static void close() {
        duck.close();
    }

    static Stream<JsonShapes.Shape> shapes() {
        return JsonShapes.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void duckDbReadsWhatWasWritten(JsonShapes.Shape shape) {
        RecordDecoder decoder = new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < shape.records().size(); i++) {
            byte[] key = i == 0 ? null : ("k-" + i + "-키").getBytes(StandardCharsets.UTF_8);
            Decoded d = decoder.decode(
                    3, 100 + i, T0 + i, key, shape.records().get(i).getBytes(StandardCharsets.UTF_8));
            rows.add(assertInstanceOf(Row.class, d, () -> "not a row: " + d).withIngestTime(T0 + 60_000));
        }
        LakeSchema schema = SchemaInference.of(rows);
        Path file = dir.resolve("shape.parquet");
        try (RowFileWriter w =
                RowFileWriter.open(LocalFiles.output(file), schema, ParquetOptions.defaults("ZSTD"), "t")) {
            rows.forEach(w::write);
        }

        Map<String, String> types = duck.columnTypes(file);
        shape.types()
                .forEach((column, type) -> assertEquals(type, types.get(column), "type of " + column + " in " + types));
        assertEquals(shape.types().size() + 6, types.size(), "columns " + types);
        assertEquals(
                List.of(
                        "INTEGER",
                        "BIGINT",
                        "TIMESTAMP WITH TIME ZONE",
                        "VARCHAR",
                        "TIMESTAMP WITH TIME ZONE",
                        "TIMESTAMP WITH TIME ZONE"),
                new ArrayList<>(types.values()).subList(types.size() - 6, types.size()));
        assertEquals(
                List.of(
                        "_kafka_partition",
                        "_kafka_offset",
                        "_kafka_timestamp",
                        "_kafka_key",
                        "_event_time",
                        "_ingest_time"),
                new ArrayList<>(types.keySet()).subList(types.size() - 6, types.size()));

        List<Map<String, Object>> got = duck.query("SELECT CAST(to_json(lake_row) AS VARCHAR) AS j, "
                + "lake_row._kafka_partition AS p, lake_row._kafka_offset AS o, "
                + "epoch_ms(lake_row._kafka_timestamp) AS ts, lake_row._kafka_key AS k, "
                + "epoch_ms(lake_row._event_time) AS et, epoch_ms(lake_row._ingest_time) AS it FROM "
                + DuckDb.parquet(file) + " lake_row ORDER BY lake_row._kafka_offset");
        assertEquals(rows.size(), got.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Map<String, Object> r = got.get(i);
            assertEquals(3, r.get("p"));
            assertEquals(row.offset(), r.get("o"));
            assertEquals(T0 + i, r.get("ts"));
            assertEquals(row.key(), r.get("k"));
            assertEquals(T0 + i, r.get("et"));
            assertEquals(T0 + 60_000, r.get("it"));
            JsonObject actual = payloadOnly(JsonText.parseObject((String) r.get("j")));
            Object expected = Coercion.expectedColumns(row.payload(), schema.payload());
            assertEquals(TestRows.normalized(expected), TestRows.normalized(actual), shape.name() + " record " + i);
        }
    }

    /** DuckDB's row JSON without the metadata columns; payload columns keep their (escaped) names. */
    private static JsonObject payloadOnly(JsonObject o) {
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < o.size(); i++) {
            if (!io.fmslake.schema.MetaColumns.isMeta(o.name(i))) {
                names.add(o.name(i));
                values.add(o.value(i));
            }
        }
        return new JsonObject(names.toArray(new String[0]), values.toArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void footerIsReadableByDuckDb(JsonShapes.Shape shape) {
        RecordDecoder decoder = new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < shape.records().size(); i++) {
            rows.add((Row) decoder.decode(
                    1, 7 + i, T0 + i, null, shape.records().get(i).getBytes(StandardCharsets.UTF_8)));
        }
        Path file = dir.resolve("footer.parquet");
        LakeSchema schema = SchemaInference.of(rows);
        try (RowFileWriter w =
                RowFileWriter.open(LocalFiles.output(file), schema, ParquetOptions.defaults("SNAPPY"), "fms-topic")) {
            rows.forEach(w::write);
        }
        Map<String, String> footer = duck.footer(file);
        assertEquals(Long.toString(rows.size()), footer.get("fms.rows"));
        assertEquals("1:7-" + (6 + rows.size()), footer.get("fms.offsets"));
        assertEquals(Long.toString(T0), footer.get("fms.event_time_min"));
        assertEquals(Long.toString(T0 + rows.size() - 1), footer.get("fms.event_time_max"));
        assertEquals("fms-topic", footer.get("fms.topic"));
        assertEquals("1", footer.get("fms.format_version"));
        assertEquals(schema, LakeSchema.fromJson(footer.get("fms.schema")));
        assertTrue(footer.containsKey("fms.schema"));
    }
}
