package io.fmslake.parquet;

import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;

/**
 * Writes a lake file the way {@link RowFileWriter} did before the column writers: parquet-java's
 * {@code ParquetWriter} with {@link LegacyRowWriteSupport} (a RecordConsumer call per value). Test scope only.
 */
final class LegacyRowFiles {
    private LegacyRowFiles() {}

    /** Writes the rows (lake order), stamped with {@code ingestTime} unless it is negative; returns the summary. */
    static FileSummary write(
            OutputFile out, LakeSchema schema, ParquetOptions options, String topic, List<Row> rows, long ingestTime) {
        LegacyRowWriteSupport support = new LegacyRowWriteSupport(schema, topic);
        if (ingestTime >= 0) {
            support.stampIngestTime(ingestTime);
        }
        try (ParquetWriter<Row> writer = ParquetIo.writer(out, support, options)) {
            for (Row row : rows) {
                writer.write(row);
            }
            FileSummary summary = support.summary();
            writer.close();
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
