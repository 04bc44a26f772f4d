package io.fmslake.merge;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.ParquetIo;
import io.fmslake.row.OffsetSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.MessageType;

/**
 * Concatenates the row groups of inputs that {@link CopyRule#concatenable} accepted, byte for byte
 * ({@link ParquetFileReader#appendTo}), into parts: whole inputs, a part cut before the input that would take it
 * past the target. Each part's footer is the first input's key-value metadata (identical schemas) with the
 * {@code fms.*} summary of its inputs.
 */
final class ByteCopy {
    private ByteCopy() {}

    /** @param sources concatenable, ordered by first event time, each at most the target */
    static void run(List<Source> sources, PartSink parts, long rowGroupBytes, String topic) {
        MessageType schema =
                sources.get(0).footer().metadata().getFileMetaData().getSchema();
        Map<String, String> keyValues =
                sources.get(0).footer().metadata().getFileMetaData().getKeyValueMetaData();
        try {
            ParquetFileWriter writer = null;
            List<Source> inPart = new ArrayList<>();
            for (Source s : sources) {
                if (writer != null && writer.getPos() + s.bytes() > parts.targetBytes()) {
                    writer.end(footer(keyValues, inPart, topic));
                    parts.close(true);
                    writer = null;
                    inPart.clear();
                }
                if (writer == null) {
                    writer = new ParquetFileWriter(
                            parts.open(), schema, ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes, 0);
                    writer.start();
                }
                // appendFile(InputFile) would open the reader with default options (a full Hadoop configuration)
                try (ParquetFileReader reader = ParquetFileReader.open(s.file(), ParquetIo.readOptions())) {
                    reader.appendTo(writer);
                }
                inPart.add(s);
            }
            writer.end(footer(keyValues, inPart, topic));
            parts.close(false);
        } catch (IOException e) {
            throw new UncheckedIOException("byte copy failed", e);
        }
    }

    /** The first input's key-value metadata with the {@code fms.*} summary of {@code sources}. */
    static Map<String, String> footer(Map<String, String> keyValues, List<Source> sources, String topic) {
        Map<String, String> footer = new LinkedHashMap<>(keyValues);
        footer.putAll(union(sources, topic).toFooter());
        return footer;
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
