package io.fmslake.parquet;

import java.util.Locale;
import java.util.Set;

/**
 * How lake Parquet files are written.
 *
 * @param compression   UNCOMPRESSED, SNAPPY, ZSTD, GZIP or LZ4_RAW
 * @param rowGroupBytes target row group size (the writer buffers up to this much per open file)
 * @param pageBytes     target page size
 */
public record ParquetOptions(String compression, long rowGroupBytes, int pageBytes) {
    static final Set<String> CODECS = Set.of("UNCOMPRESSED", "SNAPPY", "ZSTD", "GZIP", "LZ4_RAW");

    public ParquetOptions {
        compression = compression.toUpperCase(Locale.ROOT);
        if (!CODECS.contains(compression)) {
            throw new IllegalArgumentException("compression must be one of " + CODECS + ": " + compression);
        }
        if (rowGroupBytes < 64 * 1024 || pageBytes < 1024) {
            throw new IllegalArgumentException("row group or page size too small");
        }
    }

    /** 64 MiB row groups, 1 MiB pages. */
    public static ParquetOptions defaults(String compression) {
        return new ParquetOptions(compression, 64L << 20, 1 << 20);
    }
}
