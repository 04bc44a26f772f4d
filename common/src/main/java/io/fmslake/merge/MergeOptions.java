package io.fmslake.merge;

import io.fmslake.parquet.ParquetOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How merges write.
 *
 * @param tmpDir                   local scratch directory: the part being written (and a single input copied
 *                                 unchanged); inputs are read from the store as the merge goes
 * @param parquet                  codec, row group and page size of re-encoded targets
 * @param byteCopyMinRowGroupBytes a day or week is byte-copied only when its inputs' row groups average at least this
 *                                 many (compressed) bytes; smaller row groups are re-encoded into large ones
 * @param hourByteCopy             an hour is byte-copied whenever its inputs can be concatenated, whatever the size
 *                                 of their row groups (the day merge makes them large)
 * @param topic                    the lake's topic; every input must carry it in its footer
 * @param rowMergeOnly             always use the row-wise k-way merge (for measurements and diagnostics)
 * @param threads                  threads a column copy uses (at least 1)
 * @param targetFileBytes          the largest file a merge writes: a window whose data is larger becomes parts
 * @param scratchBytes             the most the merge holds in {@code tmpDir} at once (at least five quarters of the
 *                                 target: a part is cut once it reaches the target)
 */
public record MergeOptions(
        Path tmpDir,
        ParquetOptions parquet,
        long byteCopyMinRowGroupBytes,
        boolean hourByteCopy,
        String topic,
        boolean rowMergeOnly,
        int threads,
        long targetFileBytes,
        long scratchBytes) {
    public static final long DEFAULT_BYTE_COPY_MIN_ROW_GROUP_BYTES = 8L << 20;
    public static final long DEFAULT_TARGET_FILE_BYTES = 512L << 20;
    /** The smallest target accepted (tests use small targets to get parts from little data). */
    public static final long MIN_TARGET_FILE_BYTES = 64L << 10;

    public MergeOptions {
        Objects.requireNonNull(tmpDir, "tmpDir");
        Objects.requireNonNull(parquet, "parquet");
        Objects.requireNonNull(topic, "topic");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        if (targetFileBytes < MIN_TARGET_FILE_BYTES) {
            throw new IllegalArgumentException(
                    "targetFileBytes must be at least " + MIN_TARGET_FILE_BYTES + ": " + targetFileBytes);
        }
        if (scratchBytes < minScratchBytes(targetFileBytes)) {
            throw new IllegalArgumentException("scratchBytes must be at least five quarters of targetFileBytes ("
                    + minScratchBytes(targetFileBytes) + "): " + scratchBytes);
        }
    }

    /** Without a size setting: {@link #DEFAULT_TARGET_FILE_BYTES}, scratch twice that. */
    public MergeOptions(
            Path tmpDir,
            ParquetOptions parquet,
            long byteCopyMinRowGroupBytes,
            boolean hourByteCopy,
            String topic,
            boolean rowMergeOnly,
            int threads) {
        this(
                tmpDir,
                parquet,
                byteCopyMinRowGroupBytes,
                hourByteCopy,
                topic,
                rowMergeOnly,
                threads,
                DEFAULT_TARGET_FILE_BYTES,
                2 * DEFAULT_TARGET_FILE_BYTES);
    }

    /** Hours re-encoded column by column, row merge only where needed, {@link #defaultThreads()}. */
    public MergeOptions(Path tmpDir, ParquetOptions parquet, long byteCopyMinRowGroupBytes, String topic) {
        this(tmpDir, parquet, byteCopyMinRowGroupBytes, false, topic, false, defaultThreads());
    }

    /** The same options with another file size target and scratch budget. */
    public MergeOptions withSizes(long targetFileBytes, long scratchBytes) {
        return new MergeOptions(
                tmpDir,
                parquet,
                byteCopyMinRowGroupBytes,
                hourByteCopy,
                topic,
                rowMergeOnly,
                threads,
                targetFileBytes,
                scratchBytes);
    }

    /** The smallest scratch budget for a target: five quarters of it (a part may pass the target by its last rows). */
    public static long minScratchBytes(long targetFileBytes) {
        return targetFileBytes + targetFileBytes / 4;
    }

    /** One column-copy thread per available processor, at most 4. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
