package io.fmslake.parquet;

import io.fmslake.schema.MetaColumns;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Parquet writers and read options shared by every lake file kind. Writers use: the codec and sizes of
 * {@link ParquetOptions}, dictionary encoding (except for the offset and time metadata columns) and statistics on, page checksums, bloom filters and
 * size statistics (level histograms) off: they cost write speed and DuckDB does not use them, Parquet format v1 pages for the widest reader support.
 */
public final class ParquetIo {
    private ParquetIo() {}

    /**
     * Fresh read options for one reader (their codec factory is not thread-safe): page checksums are not
     * verified (the lake writes none). Built on an empty Hadoop configuration: the default one parses
     * core-default.xml, which made opening a small file cost tens of milliseconds.
     */
    public static ParquetReadOptions readOptions() {
        return HadoopReadOptions.builder(new Configuration(false))
                .usePageChecksumVerification(false)
                .build();
    }

    /**
     * Metadata columns without a dictionary. Near-unique per row: a dictionary never pays off, yet each column chunk
     * would first fill one (131k longs, 1 MiB) and then fall back to plain, about 13% of the encoding time of a large
     * file.
     */
    static final List<String> NO_DICTIONARY =
            List.of(MetaColumns.OFFSET, MetaColumns.TIMESTAMP, MetaColumns.EVENT_TIME);

    /**
     * The lake's encoding settings as parquet-java's properties, for writers that drive the column writers
     * themselves ({@link RowFileWriter}); the same as {@link #writer} gives a {@code ParquetWriter}. Payload columns
     * keep parquet-java's own choice: a dictionary that falls back to plain encoding when it does not pay (turning it
     * off up front for the benchmark's near-unique payload columns changed no byte and no measurable CPU).
     */
    static ParquetProperties properties(ParquetOptions options) {
        ParquetProperties.Builder b = ParquetProperties.builder()
                .withPageSize(options.pageBytes())
                .withDictionaryPageSize(options.pageBytes())
                .withDictionaryEncoding(true);
        NO_DICTIONARY.forEach(c -> b.withDictionaryEncoding(c, false));
        return b.withPageWriteChecksumEnabled(false)
                .withBloomFilterEnabled(false)
                .withSizeStatisticsEnabled(false)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
    }

    /** A writer for any WriteSupport with the lake's settings. */
    public static <T> ParquetWriter<T> writer(OutputFile out, WriteSupport<T> support, ParquetOptions options)
            throws IOException {
        Builder<T> b = new Builder<>(out, support)
                .withConf(new Configuration(false))
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.valueOf(options.compression()))
                .withRowGroupSize(options.rowGroupBytes())
                .withPageSize(options.pageBytes())
                .withDictionaryPageSize(options.pageBytes())
                .withDictionaryEncoding(true);
        NO_DICTIONARY.forEach(c -> b.withDictionaryEncoding(c, false));
        return b.withPageWriteChecksumEnabled(false)
                .withBloomFilterEnabled(false)
                .withSizeStatisticsEnabled(false)
                .withValidation(false)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final WriteSupport<T> support;

        Builder(OutputFile out, WriteSupport<T> support) {
            super(out);
            this.support = support;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
