package io.fmslake.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.Decoded;
import io.fmslake.row.RecordDecoder;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.SchemaInference;
import io.fmslake.testkit.DuckDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The column-writer path ({@link RowFileWriter}) against the record-consumer path it replaced
 * ({@link LegacyRowFiles}): the same rows written both ways must read back the same through DuckDB, column type by
 * column type and value by value, with the same footer metadata. Where the record consumer wrote every value at the
 * same moment (no absent groups, whose nulls it caches), the files are even byte for byte the same.
 */
class ColumnWriterDifferentialTest {
    private static final long T0 = TestRows.T0;
    private static final DuckDb DUCK = DuckDb.open();

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        DUCK.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.fmslake.parquet.DuckDbRoundTripTest#shapes")
    void everyAwkwardShapeReadsBackTheSame(JsonShapes.Shape shape) {
        List<Row> rows = decoded(shape.records());
        assertSameFiles(rows, SchemaInference.of(rows), ParquetOptions.defaults("ZSTD"), T0 + 60_000, true);
    }

    @Test
    void allShapesInOneFileUnderTheUnionOfTheirSchemas() {
        List<String> all = new ArrayList<>();
        JsonShapes.all().forEach(s -> all.addAll(s.records()));
        List<Row> rows = decoded(all);
        assertSameFiles(rows, SchemaInference.of(rows), ParquetOptions.defaults("SNAPPY"), T0 + 60_000, false);
    }

    /** DuckDB cannot turn a row with an empty column name into JSON: the bytes and the footer only. */
    @Test
    void anEmptyFieldNameWritesTheSameBytes() {
        List<Row> rows = decoded(List.of("{\"\":1,\"a\":{\"\":\"x\"}}", "{\"\":null,\"a\":{}}"));
        LakeSchema schema = SchemaInference.of(rows);
        MemoryOutputFile before = new MemoryOutputFile();
        FileSummary old = LegacyRowFiles.write(before, schema, ParquetOptions.defaults("ZSTD"), "t", rows, -1);
        MemoryOutputFile after = new MemoryOutputFile();
        try (RowFileWriter w = RowFileWriter.open(after, schema, ParquetOptions.defaults("ZSTD"), "t")) {
            rows.forEach(w::write);
            assertEquals(old, w.finish());
        }
        assertArrayEquals(before.toByteArray(), after.toByteArray());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void randomRowsReadBackTheSame(long seed) {
        List<Row> rows = new RandomPayloads(seed).rows(1_000, T0);
        assertSameFiles(
                rows, SchemaInference.of(rows), ParquetOptions.defaults("ZSTD"), seed % 2 == 0 ? T0 + 5 : -1, false);
    }

    @Test
    void randomRowsOverManyRowGroupsReadBackTheSame() {
        List<Row> rows = new RandomPayloads(7).rows(6_000, T0);
        byte[] file = assertSameFiles(
                rows, SchemaInference.of(rows), new ParquetOptions("SNAPPY", 64 * 1024, 4 * 1024), T0, false);
        assertTrue(FileFooter.read(new MemoryInputFile(file))
                        .metadata()
                        .getBlocks()
                        .size()
                > 5);
    }

    /**
     * Row groups and pages are cut where the buffered sizes say; the record consumer wrote the nulls of an absent
     * group later (it caches them), so only rows where every group is present give the same sizes at each check.
     */
    @Test
    void rowGroupsAndPagesAreCutAtTheSamePlaces() {
        List<String> jsons = new ArrayList<>();
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 20_000; i++) {
            jsons.add("{\"site\":\"plant-" + random.nextInt(4) + "\",\"value\":" + random.nextGaussian()
                    + ",\"seq\":" + i + ",\"status\":" + (random.nextInt(9) == 0 ? "null" : "\"OK\"")
                    + ",\"location\":{\"floor\":" + random.nextInt(9) + ",\"zone\":\"Z-" + random.nextInt(40)
                    + "\"},\"tags\":[\"t" + random.nextInt(3) + "\"]}");
        }
        List<Row> rows = decoded(jsons);
        byte[] file = assertSameFiles(
                rows, SchemaInference.of(rows), new ParquetOptions("UNCOMPRESSED", 64 * 1024, 4 * 1024), T0, true);
        assertTrue(FileFooter.read(new MemoryInputFile(file))
                        .metadata()
                        .getBlocks()
                        .size()
                > 5);
    }

    @Test
    void strictSchemaCoercionsReadBackTheSame() {
        LakeSchema strict = LakeSchema.fromAvroText("{\"type\":\"record\",\"name\":\"r\",\"fields\":["
                + "{\"name\":\"n\",\"type\":\"int\"},{\"name\":\"d\",\"type\":[\"null\",\"double\"]},"
                + "{\"name\":\"k\",\"type\":{\"type\":\"enum\",\"name\":\"K\",\"symbols\":[\"A\",\"B\"]}},"
                + "{\"name\":\"m\",\"type\":[\"null\",{\"type\":\"map\",\"values\":\"long\"}]},"
                + "{\"name\":\"xs\",\"type\":[\"null\",{\"type\":\"array\",\"items\":\"double\"}]}]}");
        RecordDecoder decoder = new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.of(strict));
        List<String> jsons = List.of(
                "{\"n\":1,\"d\":2,\"k\":\"A\",\"m\":{\"x\":1,\"y\":-2},\"xs\":[1,2.5,-0.0]}",
                "{\"n\":-2,\"k\":\"B\",\"xs\":[]}",
                "{\"n\":3,\"d\":-9007199254740992,\"k\":\"A\",\"m\":{}}");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < jsons.size(); i++) {
            rows.add((Row) decoder.decode(0, i, T0 + i, null, jsons.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        assertSameFiles(rows, strict, ParquetOptions.defaults("ZSTD"), T0, true);
    }

    /** Writes rows both ways; asserts what DuckDB reads, the footers and the bytes if asked; returns the new one. */
    private byte[] assertSameFiles(
            List<Row> rows, LakeSchema schema, ParquetOptions options, long ingestTime, boolean sameBytes) {
        MemoryOutputFile before = new MemoryOutputFile();
        FileSummary old = LegacyRowFiles.write(before, schema, options, "fms-topic", rows, ingestTime);
        MemoryOutputFile after = new MemoryOutputFile();
        FileSummary now;
        try (RowFileWriter w = RowFileWriter.open(after, schema, options, "fms-topic")) {
            if (ingestTime >= 0) {
                w.stampingIngestTime(ingestTime);
            }
            rows.forEach(w::write);
            now = w.finish();
        }
        assertEquals(old, now, "summaries");
        Path a = save("before.parquet", before.toByteArray());
        Path b = save("after.parquet", after.toByteArray());

        Map<String, String> footer = DUCK.footer(b);
        assertEquals(DUCK.footer(a), footer, "footer key-value metadata");
        assertEquals(Long.toString(rows.size()), footer.get(FileSummary.ROWS));
        assertEquals(schema, LakeSchema.fromJson(footer.get(FileSummary.SCHEMA)));

        Map<String, String> types = DUCK.columnTypes(b);
        assertEquals(DUCK.columnTypes(a), types, "column types");
        String order = " ORDER BY _kafka_partition, _kafka_offset";
        List<Map<String, Object>> expected =
                DUCK.query("SELECT CAST(to_json(t) AS VARCHAR) AS j FROM " + DuckDb.parquet(a) + " t" + order);
        List<Map<String, Object>> actual =
                DUCK.query("SELECT CAST(to_json(t) AS VARCHAR) AS j FROM " + DuckDb.parquet(b) + " t" + order);
        assertEquals(rows.size(), actual.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "row " + i);
        }
        String[] files = {DuckDb.parquet(a), DuckDb.parquet(b)};
        for (String[] pair : new String[][] {files, {files[1], files[0]}}) {
            assertEquals(
                    0L,
                    ((Number) DUCK.scalar("SELECT count(*) FROM (SELECT * FROM " + pair[0]
                                    + " EXCEPT ALL SELECT * FROM " + pair[1] + ")"))
                            .longValue(),
                    "typed rows of one not in the other");
        }
        if (sameBytes) {
            assertArrayEquals(before.toByteArray(), after.toByteArray(), "same encoding settings, same bytes");
        }
        return after.toByteArray();
    }

    private static List<Row> decoded(List<String> jsons) {
        RecordDecoder decoder = new RecordDecoder(Optional.empty(), ZoneId.of("UTC"), 1 << 20, Optional.empty());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < jsons.size(); i++) {
            byte[] key = i % 3 == 0 ? null : ("k-" + i + "-키").getBytes(StandardCharsets.UTF_8);
            Decoded d = decoder.decode(i % 3, 100 + i, T0 + i, key, jsons.get(i).getBytes(StandardCharsets.UTF_8));
            Row row = (Row) d;
            rows.add(i % 2 == 0 ? row.compact() : row);
        }
        rows.sort(null);
        return rows;
    }

    private Path save(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
