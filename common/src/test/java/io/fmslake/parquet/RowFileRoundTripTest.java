package io.fmslake.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.JsonObject;
import io.fmslake.row.JsonText;
import io.fmslake.row.OffsetSet;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.SchemaInference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RowFileRoundTripTest {
    @TempDir
    Path dir;

    static Stream<JsonShapes.Shape> shapes() {
        return Stream.concat(
                JsonShapes.all().stream(),
                Stream.of(new JsonShapes.Shape(
                        "empty field name", List.of("{\"\":1,\"a\":{\"\":\"x\"}}"), java.util.Map.of())));
    }

    private static List<Row> readAll(RowFileReader reader) {
        List<Row> out = new ArrayList<>();
        Row r;
        while ((r = reader.next()) != null) {
            out.add(r);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void rowsComeBackWithTheirMetadata(JsonShapes.Shape shape) {
        List<Row> rows = TestRows.rows(2, 40, shape.records());
        LakeSchema schema = SchemaInference.of(rows);
        Path file = dir.resolve("f.parquet");
        FileSummary summary;
        try (RowFileWriter w =
                RowFileWriter.open(LocalFiles.output(file), schema, ParquetOptions.defaults("SNAPPY"), "t")) {
            rows.forEach(w::write);
            assertEquals(rows.size(), w.rowsWritten());
            summary = w.finish();
        }
        try (RowFileReader reader = RowFileReader.open(LocalFiles.input(file))) {
            assertEquals(schema, reader.schema());
            assertEquals(summary, reader.summary());
            List<Row> back = readAll(reader);
            assertEquals(rows.size(), back.size());
            for (int i = 0; i < rows.size(); i++) {
                Row a = rows.get(i);
                Row b = back.get(i);
                assertEquals(
                        List.of(a.partition(), a.offset(), a.kafkaTimestamp(), a.eventTime(), a.key(), a.ingestTime()),
                        List.of(b.partition(), b.offset(), b.kafkaTimestamp(), b.eventTime(), b.key(), b.ingestTime()));
                // Java reader: same values as DuckDB sees them (conflicts as JSON text, widened numbers)
                Object expected = TestRows.normalized(Coercion.expected(a.payload(), schema.payload()));
                assertEquals(expected, TestRows.normalized(b.payload()), shape.name() + " row " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNCOMPRESSED", "SNAPPY", "ZSTD", "GZIP", "LZ4_RAW"})
    void everyCodecRoundTrips(String codec) {
        List<String> jsons = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            jsons.add("{\"i\":" + i + ",\"s\":\"value " + (i % 7) + "\",\"d\":" + (i / 3.0) + "}");
        }
        List<Row> rows = TestRows.rows(0, 0, jsons);
        MemoryOutputFile out = new MemoryOutputFile();
        try (RowFileWriter w = RowFileWriter.open(out, SchemaInference.of(rows), ParquetOptions.defaults(codec), "t")) {
            rows.forEach(w::write);
        }
        try (RowFileReader reader = RowFileReader.open(new MemoryInputFile(out.toByteArray()))) {
            List<Row> back = readAll(reader);
            assertEquals(500, back.size());
            assertEquals(
                    TestRows.normalized(rows.get(499).payload()), back.get(499).payload());
        }
        FileFooter footer = FileFooter.read(new MemoryInputFile(out.toByteArray()));
        assertEquals(
                codec,
                footer.metadata()
                        .getBlocks()
                        .get(0)
                        .getColumns()
                        .get(0)
                        .getCodec()
                        .name());
    }

    @Test
    void manyRowGroupsAreReadInOrder() {
        List<String> jsons = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            jsons.add("{\"i\":" + i + ",\"text\":\"" + "x".repeat(i % 50) + i + "\"}");
        }
        List<Row> rows = TestRows.rows(0, 0, jsons);
        MemoryOutputFile out = new MemoryOutputFile();
        try (RowFileWriter w = RowFileWriter.open(
                out, SchemaInference.of(rows), new ParquetOptions("UNCOMPRESSED", 64 * 1024, 8 * 1024), "t")) {
            rows.forEach(w::write);
            assertTrue(w.estimatedBytes() > 0);
        }
        FileFooter footer = FileFooter.read(new MemoryInputFile(out.toByteArray()));
        assertTrue(
                footer.metadata().getBlocks().size() > 1,
                "row groups: " + footer.metadata().getBlocks().size());
        assertEquals(20_000, footer.rowCount());
        try (RowFileReader reader = RowFileReader.open(new MemoryInputFile(out.toByteArray()))) {
            List<Row> back = readAll(reader);
            for (int i = 0; i < back.size(); i++) {
                assertEquals((long) i, back.get(i).payload().get("i"));
            }
            assertEquals(20_000, back.size());
            assertNull(reader.next());
        }
    }

    @Test
    void rowsOutOfOrderOrTwiceAreRefused() {
        List<Row> rows = TestRows.rows(0, 10, List.of("{\"a\":1}", "{\"a\":2}"));
        try (RowFileWriter w = RowFileWriter.open(
                new MemoryOutputFile(), SchemaInference.of(rows), ParquetOptions.defaults("SNAPPY"), "t")) {
            w.write(rows.get(1));
            assertThrows(IllegalArgumentException.class, () -> w.write(rows.get(0)));
            assertThrows(IllegalArgumentException.class, () -> w.write(rows.get(1)));
            assertEquals(1, w.rowsWritten());
        }
    }

    @Test
    void aValueOutsideTheSchemaIsRefused() {
        List<Row> rows = TestRows.rows(0, 10, List.of("{\"a\":1}", "{\"b\":2}", "{\"a\":\"text\"}"));
        LakeSchema onlyA = SchemaInference.of(rows.subList(0, 1));
        try (RowFileWriter w =
                RowFileWriter.open(new MemoryOutputFile(), onlyA, ParquetOptions.defaults("SNAPPY"), "t")) {
            assertThrows(IllegalArgumentException.class, () -> w.write(rows.get(1)));
        }
        try (RowFileWriter w =
                RowFileWriter.open(new MemoryOutputFile(), onlyA, ParquetOptions.defaults("SNAPPY"), "t")) {
            assertThrows(IllegalArgumentException.class, () -> w.write(rows.get(2)));
        }
        JsonObject twice = new JsonObject(new String[] {"a", "a"}, new Object[] {1L, 2L});
        try (RowFileWriter w =
                RowFileWriter.open(new MemoryOutputFile(), onlyA, ParquetOptions.defaults("SNAPPY"), "t")) {
            assertThrows(IllegalArgumentException.class, () -> w.write(new Row(twice, 0, 1, 1, 1, null, 0)));
        }
    }

    @Test
    void aPackedValueThatDoesNotFitIsNamedAndLeavesNoParquetFile() {
        List<Row> rows = TestRows.rows(
                0, 10, List.of("{\"a\":1,\"o\":{\"b\":[1]}}", "{\"a\":2,\"o\":{\"b\":[\"x\"]}}", "{\"a\":3}"));
        LakeSchema first = SchemaInference.of(rows.subList(0, 1));
        MemoryOutputFile out = new MemoryOutputFile();
        try (RowFileWriter w = RowFileWriter.open(out, first, ParquetOptions.defaults("SNAPPY"), "t")) {
            w.write(rows.get(0).compact());
            Row misfit = rows.get(1).compact();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(misfit));
            assertEquals(
                    "field 'o.b[]': string x does not fit column type long (schema must hold every row written)",
                    e.getMessage());
            assertThrows(IllegalStateException.class, () -> w.write(rows.get(2)));
            assertEquals(1, w.rowsWritten());
            assertEquals(1, w.finish().rows());
        }
        assertThrows(RuntimeException.class, () -> FileFooter.read(new MemoryInputFile(out.toByteArray())));
    }

    @Test
    void filesMergeUnderTheUnionOfTheirSchemas() {
        List<Row> first = TestRows.rows(0, 0, List.of("{\"n\":1,\"a\":\"x\"}", "{\"n\":2,\"gone\":null}"));
        List<Row> second = TestRows.rows(1, 0, List.of("{\"n\":2.5,\"b\":[1]}", "{\"n\":\"many\"}"));
        Path f1 = write(first, "1.parquet");
        Path f2 = write(second, "2.parquet");
        List<Row> all = new ArrayList<>();
        LakeSchema union = LakeSchema.empty();
        OffsetSet offsets = new OffsetSet();
        for (Path f : List.of(f1, f2)) {
            try (RowFileReader r = RowFileReader.open(LocalFiles.input(f))) {
                union = union.union(r.schema());
                offsets.addAll(r.summary().offsets());
                all.addAll(readAll(r));
            }
        }
        all.sort(null);
        Path merged = dir.resolve("merged.parquet");
        FileSummary summary;
        try (RowFileWriter w =
                RowFileWriter.open(LocalFiles.output(merged), union, ParquetOptions.defaults("ZSTD"), "t")) {
            all.forEach(w::write);
            summary = w.finish();
        }
        assertEquals(offsets, summary.offsets());
        assertEquals("0:0-1;1:0-1", summary.offsets().encode());
        try (RowFileReader r = RowFileReader.open(LocalFiles.input(merged))) {
            assertEquals(
                    "{\"version\":1,\"fields\":[{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":"
                            + "{\"list\":\"long\"}},{\"name\":\"gone\",\"type\":\"null\"},{\"name\":\"n\",\"type\":\"string\"}]}",
                    r.schema().toJson());
            List<String> ns = new ArrayList<>();
            for (Row row : readAll(r)) {
                ns.add(JsonText.of(row.payload()));
            }
            assertEquals(
                    List.of(
                            "{\"a\":\"x\",\"n\":\"1\"}",
                            "{\"b\":[1],\"n\":\"2.5\"}",
                            "{\"n\":\"2\"}",
                            "{\"n\":\"many\"}"),
                    ns);
        }
    }

    @Test
    void strictRowsAreWrittenUnderTheStrictSchema() {
        LakeSchema strict = LakeSchema.fromAvroText("{\"type\":\"record\",\"name\":\"r\",\"fields\":["
                + "{\"name\":\"n\",\"type\":\"int\"},{\"name\":\"d\",\"type\":[\"null\",\"double\"]},"
                + "{\"name\":\"k\",\"type\":{\"type\":\"enum\",\"name\":\"K\",\"symbols\":[\"A\",\"B\"]}},"
                + "{\"name\":\"m\",\"type\":[\"null\",{\"type\":\"map\",\"values\":\"long\"}]}]}");
        io.fmslake.row.RecordDecoder decoder = new io.fmslake.row.RecordDecoder(
                java.util.Optional.empty(), java.time.ZoneId.of("UTC"), 1 << 20, java.util.Optional.of(strict));
        List<Row> rows = new ArrayList<>();
        List<String> jsons = List.of("{\"n\":1,\"d\":2,\"k\":\"A\",\"m\":{\"x\":1}}", "{\"n\":-2,\"k\":\"B\"}");
        for (int i = 0; i < jsons.size(); i++) {
            rows.add((Row) decoder.decode(
                    0, i, TestRows.T0 + i, null, jsons.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        MemoryOutputFile out = new MemoryOutputFile();
        try (RowFileWriter w = RowFileWriter.open(out, strict, ParquetOptions.defaults("ZSTD"), "t")) {
            rows.forEach(w::write);
        }
        try (RowFileReader r = RowFileReader.open(new MemoryInputFile(out.toByteArray()))) {
            assertEquals(strict, r.schema());
            assertEquals(
                    "{\"d\":2.0,\"k\":\"A\",\"m\":\"{\\\"x\\\":1}\",\"n\":1}",
                    JsonText.of(r.next().payload()));
            assertEquals("{\"k\":\"B\",\"n\":-2}", JsonText.of(r.next().payload()));
        }
    }

    @Test
    void localOutputOverwritesAnExistingFile() throws Exception {
        Path file = dir.resolve("again.parquet");
        Files.writeString(file, "not parquet, and longer than the small file that replaces it ".repeat(1000));
        List<Row> rows = TestRows.rows(0, 0, List.of("{\"a\":1}"));
        write(rows, "again.parquet");
        try (RowFileReader r = RowFileReader.open(LocalFiles.input(file))) {
            assertEquals(1, readAll(r).size());
        }
    }

    private Path write(List<Row> rows, String name) {
        Path file = dir.resolve(name);
        try (RowFileWriter w = RowFileWriter.open(
                LocalFiles.output(file), SchemaInference.of(rows), ParquetOptions.defaults("SNAPPY"), "t")) {
            rows.forEach(w::write);
        }
        return file;
    }
}
