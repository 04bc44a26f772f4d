package io.fmslake.parquet;

import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;

/**
 * Writes rows into one lake Parquet file. Rows must come in lake order (strictly ascending
 * {@link Row#compareTo}, so also no duplicates); values are coerced to the schema (long to double, anything
 * to JSON text in a string column; absent fields are null). The footer carries the {@link FileSummary} and
 * the schema ({@code fms.schema}). I/O errors are thrown as {@link UncheckedIOException}. Not thread-safe.
 */
public final class RowFileWriter implements Closeable {
    private final RowWriteSupport support;
    private final ParquetWriter<Row> writer;
    private Row last;
    private long rows;
    private FileSummary finished;

    private RowFileWriter(RowWriteSupport support, ParquetWriter<Row> writer) {
        this.support = support;
        this.writer = writer;
    }

    public static RowFileWriter open(OutputFile out, LakeSchema schema, ParquetOptions options, String topic) {
        RowWriteSupport support = new RowWriteSupport(schema, topic);
        try {
            return new RowFileWriter(support, ParquetIo.writer(out, support, options));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open Parquet output " + out.getPath(), e);
        }
    }

    /** Stamps every row written from now on with this ingest time (epoch millis) instead of the row's own. */
    public RowFileWriter stampingIngestTime(long millis) {
        support.stampIngestTime(millis);
        return this;
    }

    /**
     * @throws IllegalArgumentException when the row is out of order (nothing written), or does not fit the
     *                                  schema (the file is then unusable: abandon it)
     */
    public void write(Row row) {
        if (finished != null) {
            throw new IllegalStateException("file already finished");
        }
        if (last != null && row.compareTo(last) <= 0) {
            throw new IllegalArgumentException("rows out of lake order: " + row + " after " + last);
        }
        try {
            writer.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        last = row;
        rows++;
    }

    /** Closes the file and returns what it holds (also written to the footer). Idempotent. */
    public FileSummary finish() {
        if (finished == null) {
            FileSummary summary = support.summary();
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish Parquet file", e);
            }
            finished = summary;
        }
        return finished;
    }

    public long rowsWritten() {
        return rows;
    }

    /** Bytes written plus bytes buffered: about the file's size if finished now. */
    public long estimatedBytes() {
        return writer.getDataSize();
    }

    /** Finishes the file if not yet finished (Parquet cannot abandon one; do not publish it then). */
    @Override
    public void close() {
        finish();
    }
}
