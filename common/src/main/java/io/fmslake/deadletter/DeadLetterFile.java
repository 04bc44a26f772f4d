package io.fmslake.deadletter;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.ParquetIo;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.row.OffsetSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Dead-letter Parquet files ({@code errors/}): columns {@code _raw_text} (the value as text when valid UTF-8,
 * else null), {@code _raw_bytes} (the value; null only for tombstones), {@code _reason}, {@code _detail},
 * {@code _kafka_partition}, {@code _kafka_offset}, {@code _kafka_timestamp} (timestamp-millis UTC),
 * {@code _kafka_key} (the key as UTF-8 text) and {@code _raw_key} (the key's bytes); rows sorted by
 * (Kafka timestamp, partition, offset); the lake footer keys with the Kafka timestamps as event times, and
 * {@code fms.content=dead_letters}.
 */
public final class DeadLetterFile {
    static final Comparator<DeadLetter> ORDER = Comparator.comparingLong(DeadLetter::kafkaTimestamp)
            .thenComparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset);

    private DeadLetterFile() {
    }

    /** Writes the letters (sorted here) and returns the file's summary. */
    public static FileSummary write(List<DeadLetter> letters, OutputFile out, ParquetOptions options, String topic) {
        List<DeadLetter> sorted = new ArrayList<>(letters);
        sorted.sort(ORDER);
        OffsetSet offsets = new OffsetSet();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (DeadLetter d : sorted) {
            offsets.add(d.partition(), d.offset());
            min = Math.min(min, d.kafkaTimestamp());
            max = Math.max(max, d.kafkaTimestamp());
        }
        FileSummary summary = new FileSummary(sorted.size(), offsets, min, max, topic);
        Map<String, String> footer = new LinkedHashMap<>(summary.toFooter());
        footer.put(FileSummary.CONTENT, FileSummary.CONTENT_DEAD_LETTERS);
        try (ParquetWriter<DeadLetter> writer = ParquetIo.writer(out, new DeadLetterWriteSupport(footer), options)) {
            for (DeadLetter d : sorted) {
                writer.write(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead-letter file", e);
        }
        return summary;
    }

    /** Reads every letter of a dead-letter file, in file order. */
    public static List<DeadLetter> read(InputFile in) {
        List<DeadLetter> out = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(in, ParquetIo.readOptions())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            DeadLetterMaterializer materializer = new DeadLetterMaterializer(schema);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<DeadLetter> records = io.getRecordReader(pages, materializer);
                for (long i = 0; i < pages.getRowCount(); i++) {
                    out.add(records.read());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dead-letter file " + in, e);
        }
        return out;
    }
}
