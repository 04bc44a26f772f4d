package io.fmslake.parquet;

import io.fmslake.row.OffsetSet;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows into one lake Parquet file. Rows must come in lake order (strictly ascending
 * {@link Row#compareTo}, so also no duplicates); values are coerced to the schema (long to double, anything
 * to JSON text in a string column; absent fields are null). Each row's packed payload goes straight into
 * parquet-java's column writers ({@link RowShredder}). The footer carries the {@link FileSummary} and
 * the schema ({@code fms.schema}). I/O errors are thrown as {@link UncheckedIOException}. Not thread-safe.
 */
public final class RowFileWriter implements Closeable {
    /** The object model name parquet-java's writers record in the footer; kept for readers that show it. */
    static final String MODEL_NAME = "fms-lake";

    private final LakeSchema schema;
    private final String topic;
    private final MessageType message;
    private final RowGroupFile file;
    private final RowShredder shredder;
    private final OffsetSet offsets = new OffsetSet();
    private long ingestTime = -1;
    private long minEventTime = Long.MAX_VALUE;
    private long maxEventTime = Long.MIN_VALUE;
    private Row last;
    private long rows;
    private boolean failed;
    private FileSummary finished;

    private RowFileWriter(LakeSchema schema, String topic, RowGroupFile file, RowShredder shredder) {
        this.schema = schema;
        this.topic = topic;
        this.message = schema.parquet();
        this.file = file;
        this.shredder = shredder;
        shredder.bind(file.store(), message);
    }

    public static RowFileWriter open(OutputFile out, LakeSchema schema, ParquetOptions options, String topic) {
        RowShredder shredder = new RowShredder(schema);
        try {
            RowGroupFile file = RowGroupFile.open(out, schema.parquet(), ParquetIo.properties(options), options);
            return new RowFileWriter(schema, topic, file, shredder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open Parquet output " + out.getPath(), e);
        }
    }

    /** Stamps every row written from now on with this ingest time (epoch millis) instead of the row's own. */
    public RowFileWriter stampingIngestTime(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative ingest time " + millis);
        }
        this.ingestTime = millis;
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
        if (failed) {
            throw new IllegalStateException("an earlier row did not fit the schema: the file is unusable");
        }
        if (last != null && row.compareTo(last) <= 0) {
            throw new IllegalArgumentException("rows out of lake order: " + row + " after " + last);
        }
        try {
            shredder.write(row, ingestTime < 0 ? row.ingestTime() : ingestTime);
            if (file.endRecord()) {
                shredder.bind(file.store(), message);
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
        last = row;
        rows++;
        offsets.add(row.partition(), row.offset());
        minEventTime = Math.min(minEventTime, row.eventTime());
        maxEventTime = Math.max(maxEventTime, row.eventTime());
    }

    /**
     * Closes the file and returns what it holds (also written to the footer). Idempotent. After a row that did not
     * fit, the output is closed without a footer (not a Parquet file).
     */
    public FileSummary finish() {
        if (finished == null) {
            FileSummary summary = summary();
            if (failed) {
                file.abandon();
            } else {
                file.finish(footer(summary));
            }
            finished = summary;
        }
        return finished;
    }

    private FileSummary summary() {
        OffsetSet copy = new OffsetSet();
        copy.addAll(offsets);
        return new FileSummary(rows, copy, minEventTime, maxEventTime, topic);
    }

    /** The key-value metadata, built the way parquet-java's ParquetWriter built it for the row writer before. */
    private Map<String, String> footer(FileSummary summary) {
        Map<String, String> footer = new HashMap<>();
        footer.put(ParquetWriter.OBJECT_MODEL_NAME_PROP, MODEL_NAME);
        footer.putAll(summary.toFooter());
        footer.put(FileSummary.CONTENT, FileSummary.CONTENT_ROWS);
        footer.put(FileSummary.SCHEMA, schema.toJson());
        return footer;
    }

    public long rowsWritten() {
        return rows;
    }

    /** Bytes written plus bytes buffered: about the file's size if finished now. */
    public long estimatedBytes() {
        return file.dataSize();
    }

    /** Finishes the file if not yet finished (Parquet cannot abandon one; do not publish it then). */
    @Override
    public void close() {
        finish();
    }
}
