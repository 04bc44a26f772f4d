package io.fmslake.merge;

import java.time.Duration;

/**
 * What one merge did.
 *
 * @param targetKey   the published object
 * @param strategy    how the target was written
 * @param rows        rows in the target
 * @param duplicates  rows dropped as duplicates of a (partition, offset) already written
 * @param bytes       size of the target
 * @param inputs      files read
 * @param deleted     store inputs deleted after publishing (or found gone)
 * @param leftChanged store inputs left in place because they were written anew under their key since planning
 *                    (a late flush re-creating a deleted minute file): the next run folds them in
 * @param elapsed     wall time of the whole merge
 */
public record MergeResult(String targetKey, Strategy strategy, long rows, long duplicates, long bytes, int inputs,
                          int deleted, int leftChanged, Duration elapsed) {

    /** How a target is written. */
    public enum Strategy {
        /** One input: its bytes become the target unchanged. */
        SINGLE,
        /** Row groups copied byte for byte (identical schemas, disjoint time ranges and offsets, large row groups). */
        BYTE_COPY,
        /** Values re-encoded column by column into large row groups (concatenable inputs, identical schemas). */
        COLUMN_COPY,
        /** Rows decoded, merged in order, deduplicated and encoded again. */
        REENCODE
    }

    public double rowsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : rows / s;
    }
}
