package io.fmslake.deadletter;

import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.ParquetOptions;
import java.util.List;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Dead-letter Parquet files ({@code errors/}): columns {@code _raw_text} (the value as text when valid UTF-8),
 * {@code _raw_bytes} (the value, null only for tombstones), {@code _reason}, {@code _detail},
 * {@code _kafka_partition}, {@code _kafka_offset}, {@code _kafka_timestamp}, {@code _kafka_key}; rows sorted by
 * (Kafka timestamp, partition, offset); the lake footer keys, with Kafka timestamps as event times.
 */
public final class DeadLetterFile {
    private DeadLetterFile() {
    }

    public static FileSummary write(List<DeadLetter> letters, OutputFile out, ParquetOptions options, String topic) {
        throw new UnsupportedOperationException("not yet");
    }

    public static List<DeadLetter> read(InputFile in) {
        throw new UnsupportedOperationException("not yet");
    }
}
