package io.fmslake.parquet;

import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import java.io.Closeable;
import java.io.IOException;
import org.apache.parquet.io.OutputFile;

/**
 * Writes rows into one lake Parquet file. Rows must come in lake order (strictly ascending
 * {@link Row#compareTo}); values are coerced to the schema (long to double, anything to JSON text in a string
 * column; absent fields are null). The footer carries the {@link FileSummary} and the schema. Not thread-safe.
 */
public final class RowFileWriter implements Closeable {

    private RowFileWriter() {
    }

    public static RowFileWriter open(OutputFile out, LakeSchema schema, ParquetOptions options, String topic) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @throws IllegalArgumentException when the row is out of order or does not fit the schema */
    public void write(Row row) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Closes the file and returns what it holds (also written to the footer). */
    public FileSummary finish() {
        throw new UnsupportedOperationException("not yet");
    }

    public long rowsWritten() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Bytes written plus bytes buffered: the file's approximate size if finished now. */
    public long estimatedBytes() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Abandons the file if not finished (the output may hold a partial file). */
    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
