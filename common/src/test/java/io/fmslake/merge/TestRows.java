package io.fmslake.merge;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.MemoryOutputFile;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileReader;
import io.fmslake.parquet.RowFileWriter;
import io.fmslake.row.JsonObject;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.SchemaInference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** Builds lake rows and files for merge tests. */
final class TestRows {
    static final String TOPIC = "fms-data";

    private TestRows() {}

    /** Rows of one partition, offsets from..to-1, event times spread evenly from {@code start} by {@code stepMillis}. */
    static List<Row> rows(
            int partition, long from, long to, Instant start, long stepMillis, LongFunction<JsonObject> payload) {
        List<Row> rows = new ArrayList<>();
        for (long o = from; o < to; o++) {
            long t = start.toEpochMilli() + (o - from) * stepMillis;
            rows.add(new Row(payload.apply(o), partition, o, t, t, "k" + o, t + 1000));
        }
        rows.sort(null);
        return rows;
    }

    static JsonObject fms(long o) {
        return new JsonObject(new String[] {"speed", "vehicle_id"}, new Object[] {(double) (o % 120), "V" + (o % 7)});
    }

    static byte[] file(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(null);
        LakeSchema schema = SchemaInference.of(sorted);
        MemoryOutputFile out = new MemoryOutputFile();
        try (RowFileWriter w = RowFileWriter.open(out, schema, ParquetOptions.defaults("SNAPPY"), TOPIC)) {
            for (Row r : sorted) {
                w.write(r);
            }
            w.finish();
        }
        return out.toByteArray();
    }

    static List<Row> read(byte[] bytes) {
        try {
            Path tmp = Files.createTempFile("merge-test", ".parquet");
            try {
                Files.write(tmp, bytes);
                List<Row> rows = new ArrayList<>();
                try (RowFileReader r = RowFileReader.open(io.fmslake.parquet.LocalFiles.input(tmp))) {
                    for (Row row = r.next(); row != null; row = r.next()) {
                        rows.add(row);
                    }
                }
                return rows;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int rowGroups(byte[] bytes) {
        try {
            Path tmp = Files.createTempFile("merge-test", ".parquet");
            try {
                Files.write(tmp, bytes);
                return io.fmslake.parquet.FileFooter.read(io.fmslake.parquet.LocalFiles.input(tmp))
                        .metadata()
                        .getBlocks()
                        .size();
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileSummary summary(byte[] bytes) {
        try {
            Path tmp = Files.createTempFile("merge-test", ".parquet");
            try {
                Files.write(tmp, bytes);
                return io.fmslake.parquet.FileFooter.read(io.fmslake.parquet.LocalFiles.input(tmp))
                        .summary();
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
