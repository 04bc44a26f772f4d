package io.fmslake.merge;

import java.time.Duration;

/**
 * What one merge did.
 *
 * @param targetKey   the window's base key (its only file, or the window its parts belong to)
 * @param published   the keys published: the base key alone, or parts; empty when the merge only deleted files
 *                    whose rows the window already held
 * @param strategy    how the target was written
 * @param rows        rows written
 * @param duplicates  rows dropped as duplicates of a (partition, offset) already written or held by a kept part
 * @param bytes       size of the files published
 * @param inputs      files read
 * @param deleted     store inputs deleted after publishing (or found gone)
 * @param leftChanged store inputs left in place because they were written anew under their key since planning
 *                    (a late flush re-creating a deleted minute file): the next run folds them in
 * @param elapsed     wall time of the whole merge
 * @param scratchPeak the most bytes the merge held in its scratch directory (checked before each upload)
 */
public record MergeResult(
        String targetKey,
        java.util.List<String> published,
        Strategy strategy,
        long rows,
        long duplicates,
        long bytes,
        int inputs,
        int deleted,
        int leftChanged,
        Duration elapsed,
        long scratchPeak) {
    public MergeResult {
        published = java.util.List.copyOf(published);
    }

    /** How a target is written. */
    public enum Strategy {
        /** One input: its bytes become the target unchanged. */
        SINGLE,
        /** Row groups copied byte for byte (identical schemas, disjoint time ranges and offsets, large row groups). */
        BYTE_COPY,
        /** Values re-encoded column by column into large row groups (concatenable inputs, identical schemas). */
        COLUMN_COPY,
        /** Rows decoded, merged in order, deduplicated and encoded again. */
        REENCODE,
        /** Nothing written: every input's rows were already held by the window's files; inputs only deleted. */
        DELETE_ONLY
    }

    public double rowsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : rows / s;
    }
}
