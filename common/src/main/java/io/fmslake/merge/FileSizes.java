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
