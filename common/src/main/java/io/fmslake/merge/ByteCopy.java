package io.fmslake.merge;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.LocalFiles;
import io.fmslake.row.OffsetSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Concatenates the row groups of inputs that {@link CopyRule#concatenable} accepted, byte for byte
 * ({@link ParquetFileWriter#appendFile}), and writes a lake footer for the whole: the first input's key-value
 * metadata (identical schemas) with the {@code fms.*} summary of the union.
 */
final class ByteCopy {
    private ByteCopy() {
    }

    /** @param sources concatenable, ordered by first event time */
    static FileSummary run(List<Source> sources, OutputFile out, long rowGroupBytes, String topic) {
        FileSummary summary = union(sources, topic);
        MessageType schema = sources.get(0).footer().metadata().getFileMetaData().getSchema();
        Map<String, String> footer = new LinkedHashMap<>(sources.get(0).footer().metadata().getFileMetaData()
                .getKeyValueMetaData());
        footer.putAll(summary.toFooter());
        try {
            ParquetFileWriter writer = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.OVERWRITE,
                    rowGroupBytes, 0);
            writer.start();
            for (Source s : sources) {
                writer.appendFile(LocalFiles.input(s.path()));
            }
            writer.end(footer);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("byte copy failed", e);
        }
    }

    static FileSummary union(List<Source> sources, String topic) {
        OffsetSet offsets = new OffsetSet();
        long rows = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Source s : sources) {
            FileSummary f = s.footer().summary();
            offsets.addAll(f.offsets());
            rows += f.rows();
            min = Math.min(min, f.minEventTime());
            max = Math.max(max, f.maxEventTime());
        }
        return new FileSummary(rows, offsets, min, max, topic);
    }
}
