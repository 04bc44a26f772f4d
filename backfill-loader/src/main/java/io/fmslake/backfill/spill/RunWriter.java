package io.fmslake.backfill.spill;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LocalFiles;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileWriter;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.SchemaInference;
import io.fmslake.window.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one buffer of rows as a sorted run: sorts by (event time, partition, offset), drops a repeated
 * coordinate, infers the schema and writes a lake Parquet file into the spill directory. Thread-safe.
 */
public final class RunWriter {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm");

    private final Path dir;
    private final ParquetOptions options;
    private final String topic;
    private final AtomicLong sequence = new AtomicLong();

    public RunWriter(Path dir, ParquetOptions options, String topic) {
        this.dir = dir;
        this.options = options;
        this.topic = topic;
    }

    public Path dir() {
        return dir;
    }

    /** Sorts and writes the rows (the list is not used afterwards). */
    public SpillRun write(Window window, List<Row> rows) {
        Row[] sorted = sortedUnique(rows);
        SchemaInference inference = new SchemaInference();
        for (Row row : sorted) {
            inference.observe(row.payload());
        }
        LakeSchema schema = inference.result();
        Path file = dir.resolve(window.level().folder() + "-" + window.start().format(NAME) + "-"
                + sequence.incrementAndGet() + ".parquet");
        FileSummary summary;
        try (RowFileWriter writer = RowFileWriter.open(LocalFiles.output(file), schema, options, topic)) {
            for (Row row : sorted) {
                writer.write(row);
            }
            summary = writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run " + file, e);
        }
        try {
            return new SpillRun(window, file, summary, schema, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sorted in lake order; a coordinate seen twice (a redelivered record) is kept once. */
    static Row[] sortedUnique(List<Row> rows) {
        Row[] a = rows.toArray(new Row[0]);
        Arrays.sort(a);
        int n = 0;
        for (Row row : a) {
            if (n > 0 && a[n - 1].sameRecord(row)) {
                continue;
            }
            a[n++] = row;
        }
        return n == a.length ? a : Arrays.copyOf(a, n);
    }
}
