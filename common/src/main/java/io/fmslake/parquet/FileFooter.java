package io.fmslake.parquet;

import io.fmslake.schema.LakeSchema;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;

/**
 * A lake file's footer: its schema (from {@code fms.schema}, else derived from the Parquet schema), its summary,
 * the row count Parquet records, and the raw metadata.
 */
public record FileFooter(LakeSchema schema, FileSummary summary, long rowCount, ParquetMetadata metadata) {

    /** Reads only the footer. @throws java.io.UncheckedIOException on I/O errors or when not a lake file */
    public static FileFooter read(InputFile in) {
        throw new UnsupportedOperationException("not yet");
    }
}
