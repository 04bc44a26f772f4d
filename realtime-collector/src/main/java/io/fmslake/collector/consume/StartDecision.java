package io.fmslake.collector.consume;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * Where one partition starts reading, by which rule, and the retention gap it jumps over, if any.
 *
 * @param partition the partition
 * @param offset    the first offset to read
 * @param rule      the row of the decision table that chose it
 * @param gapFrom   when present, offsets {@code [gapFrom, offset)} were deleted by Kafka before the group read them
 * @param why       the facts behind the decision, for the log
 */
record StartDecision(int partition, long offset, Rule rule, OptionalLong gapFrom, String why) {

    /** The rows of the decision table (DESIGN-collector.md, step 1). */
    enum Rule {
        /** Resume at the committed offset. */
        COMMITTED,
        /** The committed offset (or fetch position) lies below the log start: resume at the log start. */
        RETENTION,
        /** The committed offset lies beyond the log end (the log was truncated under it): resume at the end. */
        BEYOND_END,
        /** The group's very first start on an empty lake: START_OFFSET. */
        FIRST_START,
        /** No committed offset, but the lake holds the partition: the first offset the lake lacks. */
        LAKE,
        /** No committed offset, nothing in the lake: where the group marker says the group took over. */
        MARKER,
        /** A partition that appeared later (nothing committed, in the lake or in the marker): its first offset. */
        EARLIEST;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The same decision, explained otherwise. */
    StartDecision because(String reason) {
        return new StartDecision(partition, offset, rule, gapFrom, reason);
    }

    /** Offsets in the gap jumped over (0 without a gap). */
    long gapOffsets() {
        return gapFrom.isPresent() ? offset - gapFrom.getAsLong() : 0;
    }

    String describe() {
        return "start p" + partition + " at " + offset + " rule=" + rule.label()
                + (gapFrom.isPresent() ? " lost to retention [" + gapFrom.getAsLong() + ", " + offset + ")" : "")
                + " (" + why + ")";
    }
}
