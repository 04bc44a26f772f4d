package io.fmslake.backfill.spill;

import io.fmslake.commit.ParquetEncoder;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LocalFiles;
import io.fmslake.row.Row;
import io.fmslake.window.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one buffer of rows as a sorted run: sorts by (event time, partition, offset), drops a repeated
 * coordinate and writes a lake Parquet file (schema, footer and ingest time as the collector writes them) into
 * the spill directory. Thread-safe.
 */
public final class RunWriter implements Spiller {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm");

    private final Path dir;
    private final ParquetEncoder encoder;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    /** @param encoder the collector's encoder: the same schema choice (strict or inferred) as every lake file */
    public RunWriter(Path dir, ParquetEncoder encoder, Clock clock) {
        this.dir = dir;
        this.encoder = encoder;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** Sorts and writes the rows (the list is not used afterwards). */
    @Override
    public SpillRun write(Window window, List<Row> rows) {
        List<Row> sorted = Arrays.asList(sortedUnique(rows));
        Path file = dir.resolve(window.level().folder() + "-" + window.start().format(NAME) + "-"
                + sequence.incrementAndGet() + ".parquet");
        FileSummary summary = encoder.writeRows(sorted, clock.millis(), LocalFiles.output(file));
        try {
            return new SpillRun(window, file, summary, Files.size(file));
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
