package io.fmslake.merge;

import io.fmslake.parquet.ParquetOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How merges write.
 *
 * @param tmpDir                   local directory for downloaded inputs and the target before upload
 * @param parquet                  codec, row group and page size of re-encoded targets
 * @param byteCopyMinRowGroupBytes a day or week is byte-copied only when its inputs' row groups average at least this
 *                                 many (compressed) bytes; smaller row groups are re-encoded into large ones
 * @param hourByteCopy             an hour is byte-copied whenever its inputs can be concatenated, whatever the size
 *                                 of their row groups (the day merge makes them large)
 * @param topic                    the lake's topic; every input must carry it in its footer
 * @param rowMergeOnly             always use the row-wise k-way merge (for measurements and diagnostics)
 * @param threads                  threads a column copy uses (at least 1)
 */
public record MergeOptions(Path tmpDir, ParquetOptions parquet, long byteCopyMinRowGroupBytes, boolean hourByteCopy,
                           String topic, boolean rowMergeOnly, int threads) {
    public static final long DEFAULT_BYTE_COPY_MIN_ROW_GROUP_BYTES = 8L << 20;

    public MergeOptions {
        Objects.requireNonNull(tmpDir, "tmpDir");
        Objects.requireNonNull(parquet, "parquet");
        Objects.requireNonNull(topic, "topic");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    /** One column-copy thread per available processor, at most 4. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Hours re-encoded column by column, row merge only where needed, {@link #defaultThreads()}. */
    public MergeOptions(Path tmpDir, ParquetOptions parquet, long byteCopyMinRowGroupBytes, String topic) {
        this(tmpDir, parquet, byteCopyMinRowGroupBytes, false, topic, false, defaultThreads());
    }
}
