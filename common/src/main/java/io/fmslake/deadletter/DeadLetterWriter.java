package io.fmslake.deadletter;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.ParquetIo;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.row.OffsetSet;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one dead-letter file letter by letter (callers give them in {@link DeadLetterFile#ORDER}); the footer's
 * summary ({@code fms.rows}, {@code fms.offsets}, the Kafka timestamps as event times, {@code fms.content}) is
 * built as they come, so a merge can stream letters through it.
 */
public final class DeadLetterWriter implements Closeable {
    private final ParquetWriter<DeadLetter> writer;
    private final String topic;
    private final OffsetSet offsets = new OffsetSet();
    private long rows;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private FileSummary finished;

    private DeadLetterWriter(OutputFile out, ParquetOptions options, String topic) throws IOException {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.writer = ParquetIo.writer(out, new DeadLetterWriteSupport(this::footer), options);
    }

    public static DeadLetterWriter open(OutputFile out, ParquetOptions options, String topic) {
        try {
            return new DeadLetterWriter(out, options, topic);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a dead-letter file", e);
        }
    }

    public void write(DeadLetter d) {
        try {
            writer.write(d);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a dead letter", e);
        }
        offsets.add(d.partition(), d.offset());
        rows++;
        min = Math.min(min, d.kafkaTimestamp());
        max = Math.max(max, d.kafkaTimestamp());
    }

    /** Bytes written plus bytes buffered: about the file's size if finished now. */
    public long estimatedBytes() {
        return writer.getDataSize();
    }

    /** Closes the file and returns what it holds (also written to its footer). Idempotent. */
    public FileSummary finish() {
        if (finished == null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish a dead-letter file", e);
            }
            finished = summary();
        }
        return finished;
    }

    private FileSummary summary() {
        OffsetSet copy = new OffsetSet();
        copy.addAll(offsets);
        return new FileSummary(rows, copy, min, max, topic);
    }

    private Map<String, String> footer() {
        Map<String, String> footer = new LinkedHashMap<>(summary().toFooter());
        footer.put(FileSummary.CONTENT, FileSummary.CONTENT_DEAD_LETTERS);
        return footer;
    }

    @Override
    public void close() {
        finish();
    }
}
