package io.fmslake.merge;

import io.fmslake.config.EnvReader;

/**
 * The two size settings of every service that merges (batch-merger, backfill-loader), read and validated alike.
 *
 * @param targetFileBytes {@code TARGET_FILE_BYTES}: the largest file written at hour, day and week level; a window
 *                        whose data is larger is written as parts
 * @param scratchBytes    {@code MERGE_SCRATCH_BYTES}: the most one merge holds on local disk (one part at a time)
 */
public record FileSizes(long targetFileBytes, long scratchBytes) {
    public static final String TARGET = "TARGET_FILE_BYTES";
    public static final String SCRATCH = "MERGE_SCRATCH_BYTES";
    public static final String ROW_GROUP = "ROW_GROUP_BYTES";
    static final long MIN_ROW_GROUP_BYTES = 1L << 20;
    static final long DEFAULT_ROW_GROUP_BYTES = 128L << 20;

    public static FileSizes defaults() {
        return new FileSizes(MergeOptions.DEFAULT_TARGET_FILE_BYTES, 2 * MergeOptions.DEFAULT_TARGET_FILE_BYTES);
    }

    /** Reads both; the scratch budget defaults to twice the target and must be at least five quarters of it. */
    public static FileSizes read(EnvReader r) {
        long target =
                r.bytes(TARGET, MergeOptions.DEFAULT_TARGET_FILE_BYTES, MergeOptions.MIN_TARGET_FILE_BYTES, 64L << 30);
        long scratch = r.bytes(SCRATCH, 2 * target, MergeOptions.MIN_TARGET_FILE_BYTES, 1L << 40);
        long min = MergeOptions.minScratchBytes(target);
        r.check(
                scratch >= min,
                SCRATCH,
                scratch,
                "must be at least five quarters of " + TARGET + " (" + min
                        + " bytes): a merge holds one part at a time, cut once it reaches the target");
        return new FileSizes(target, Math.max(scratch, min));
    }

    /**
     * {@code ROW_GROUP_BYTES}: at most a quarter of the target (or 1 MiB, the smallest row group, where that is
     * more), by default 128 MiB within that. A part is cut once the bytes written plus the row group still buffered
     * reach the target, so row groups near the target make parts a few times smaller than it, and then every late
     * fold rewrites the whole window (found by the scale benchmark).
     */
    public long readRowGroupBytes(EnvReader r) {
        long most = Math.max(MIN_ROW_GROUP_BYTES, targetFileBytes / 4);
        long rowGroup = r.bytes(ROW_GROUP, Math.min(DEFAULT_ROW_GROUP_BYTES, most), MIN_ROW_GROUP_BYTES, 1L << 30);
        r.check(
                rowGroup <= most,
                ROW_GROUP,
                rowGroup,
                "must be at most a quarter of " + TARGET + " (" + most + " bytes): larger row groups make parts"
                        + " a few times smaller than the target, and every late fold rewrites the whole window");
        return rowGroup;
    }

    /** {@code options} with these sizes. */
    public MergeOptions applyTo(MergeOptions options) {
        return options.withSizes(targetFileBytes, scratchBytes);
    }

    public String describeTarget() {
        return TARGET + "=" + targetFileBytes;
    }

    public String describeScratch() {
        return SCRATCH + "=" + scratchBytes;
    }
}
