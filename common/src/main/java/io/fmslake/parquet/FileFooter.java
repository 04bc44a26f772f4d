package io.fmslake.parquet;

import io.fmslake.schema.LakeSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;

/**
 * A lake file's footer: its schema (from {@code fms.schema}, else derived from the Parquet schema), its summary,
 * the row count Parquet records, and the raw metadata. For a dead-letter file the schema is empty.
 */
public record FileFooter(LakeSchema schema, FileSummary summary, long rowCount, ParquetMetadata metadata) {

    /**
     * Reads only the footer (one request through {@link StoreInputFile} for footers up to 256 KiB).
     *
     * @throws UncheckedIOException     on I/O errors
     * @throws IllegalArgumentException when the file has no lake footer entries
     */
    public static FileFooter read(InputFile in) {
        ParquetMetadata md;
        try (ParquetFileReader reader = ParquetFileReader.open(in, ParquetIo.readOptions())) {
            md = reader.getFooter();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Parquet footer of " + in, e);
        }
        Map<String, String> kv = md.getFileMetaData().getKeyValueMetaData();
        long rows = 0;
        for (BlockMetaData b : md.getBlocks()) {
            rows += b.getRowCount();
        }
        LakeSchema schema = FileSummary.CONTENT_DEAD_LETTERS.equals(kv.get(FileSummary.CONTENT))
                ? LakeSchema.empty()
                : FileSchemas.schema(md.getFileMetaData().getSchema(), kv);
        return new FileFooter(schema, FileSummary.fromFooter(kv), rows, md);
    }
}
