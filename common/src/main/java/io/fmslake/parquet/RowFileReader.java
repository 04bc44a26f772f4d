package io.fmslake.parquet;

import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import java.io.Closeable;
import java.io.IOException;
import org.apache.parquet.io.InputFile;

/** Reads the rows of a lake Parquet file in file order. Not thread-safe. */
public final class RowFileReader implements Closeable {

    private RowFileReader() {
    }

    public static RowFileReader open(InputFile in) {
        throw new UnsupportedOperationException("not yet");
    }

    public LakeSchema schema() {
        throw new UnsupportedOperationException("not yet");
    }

    public FileSummary summary() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The next row with all its metadata (ingest time included), or null at the end. Null fields are absent. */
    public Row next() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
