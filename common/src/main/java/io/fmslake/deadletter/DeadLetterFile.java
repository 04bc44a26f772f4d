package io.fmslake.deadletter;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.ParquetOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Dead-letter Parquet files ({@code errors/}): columns {@code _raw_text} (the value as text when valid UTF-8,
 * else null), {@code _raw_bytes} (the value; null only for tombstones), {@code _reason}, {@code _detail},
 * {@code _kafka_partition}, {@code _kafka_offset}, {@code _kafka_timestamp} (timestamp-millis UTC),
 * {@code _kafka_key} (the key as UTF-8 text) and {@code _raw_key} (the key's bytes); rows sorted by
 * (Kafka timestamp, partition, offset); the lake footer keys with the Kafka timestamps as event times, and
 * {@code fms.content=dead_letters}.
 */
public final class DeadLetterFile {
    public static final Comparator<DeadLetter> ORDER = Comparator.comparingLong(DeadLetter::kafkaTimestamp)
            .thenComparingInt(DeadLetter::partition)
            .thenComparingLong(DeadLetter::offset);

    private DeadLetterFile() {}

    /** Writes the letters (sorted here) and returns the file's summary. */
    public static FileSummary write(List<DeadLetter> letters, OutputFile out, ParquetOptions options, String topic) {
        List<DeadLetter> sorted = new ArrayList<>(letters);
        sorted.sort(ORDER);
        try (DeadLetterWriter writer = DeadLetterWriter.open(out, options, topic)) {
            sorted.forEach(writer::write);
            return writer.finish();
        }
    }

    /** Reads every letter of a dead-letter file, in file order. */
    public static List<DeadLetter> read(InputFile in) {
        List<DeadLetter> out = new ArrayList<>();
        try (DeadLetterReader reader = DeadLetterReader.open(in)) {
            for (DeadLetter d = reader.next(); d != null; d = reader.next()) {
                out.add(d);
            }
        }
        return out;
    }
}
