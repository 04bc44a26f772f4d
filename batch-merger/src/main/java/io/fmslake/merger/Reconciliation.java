package io.fmslake.merger;

import io.fmslake.publish.RetentionGap;
import io.fmslake.row.OffsetSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares what Kafka holds below the collector's committed offsets with the coordinates the lake's footers record.
 * Pure. A coordinate in several files counts once as present and once per extra file as a duplicate. Retention gaps
 * the collector recorded (offsets Kafka deleted before it read them) are reported with how much of each the lake
 * holds; they lie below Kafka's earliest offset, outside the checked range, so they never make the report unclean.
 * Dead letters the merger expired ({@code DEAD_LETTER_RETENTION}, recorded under {@code _lake/expired/}) are not
 * missing: a coordinate in the checked range that no lake file holds and an expiry record lists counts as expired.
 */
final class Reconciliation {
    private Reconciliation() {}

    /** Kafka range of one partition, [from, to), how much of it the lake holds, and how much of the rest expired. */
    record PartitionReport(int partition, long from, long to, long present, long expired) {
        PartitionReport(int partition, long from, long to, long present) {
            this(partition, from, to, present, 0);
        }

        long expected() {
            return Math.max(0, to - from);
        }

        long missing() {
            return expected() - present - expired;
        }
    }

    /** A recorded retention gap and how many of its offsets the lake holds anyway. */
    record GapReport(RetentionGap gap, long present) {
        long lost() {
            return gap.offsets() - present;
        }
    }

    record Report(List<PartitionReport> partitions, long duplicates, long lakeCoordinates, List<GapReport> gaps) {
        long missing() {
            return partitions.stream().mapToLong(PartitionReport::missing).sum();
        }

        long expected() {
            return partitions.stream().mapToLong(PartitionReport::expected).sum();
        }

        boolean clean() {
            return missing() == 0 && duplicates == 0;
        }

        long lostToRetention() {
            return gaps.stream().mapToLong(GapReport::lost).sum();
        }

        /** Dead letters in the checked range that the merger expired (and no file holds). */
        long expired() {
            return partitions.stream().mapToLong(PartitionReport::expired).sum();
        }
    }

    /**
     * @param ranges per partition {from, to}: the earliest offset Kafka still holds and the committed offset
     * @param files  the offset set of every lake file (tiers and dead letters)
     */
    static Report reconcile(Map<Integer, long[]> ranges, List<OffsetSet> files) {
        return reconcile(ranges, files, List.of());
    }

    /** Like {@link #reconcile(Map, List)}, also reporting the recorded retention gaps. */
    static Report reconcile(Map<Integer, long[]> ranges, List<OffsetSet> files, List<RetentionGap> gaps) {
        return reconcile(ranges, files, gaps, new OffsetSet());
    }

    /**
     * Like {@link #reconcile(Map, List, List)}; {@code expired} holds the coordinates of the dead-letter files the
     * merger expired.
     */
    static Report reconcile(
            Map<Integer, long[]> ranges, List<OffsetSet> files, List<RetentionGap> gaps, OffsetSet expired) {
        OffsetSet union = new OffsetSet();
        long total = 0;
        for (OffsetSet f : files) {
            union.addAll(f);
            total += f.count();
        }
        List<PartitionReport> reports = new ArrayList<>();
        for (Map.Entry<Integer, long[]> e : new TreeMap<>(ranges).entrySet()) {
            long from = e.getValue()[0];
            long to = e.getValue()[1];
            long present = 0;
            long gone = 0;
            if (to > from) {
                OffsetSet expected = new OffsetSet();
                expected.addRange(e.getKey(), from, to - 1);
                present = expected.countIn(union);
                OffsetSet expiredHere = new OffsetSet();
                for (long[] r : expired.ranges(e.getKey())) {
                    if (Math.max(r[0], from) <= Math.min(r[1], to - 1)) {
                        expiredHere.addRange(e.getKey(), Math.max(r[0], from), Math.min(r[1], to - 1));
                    }
                }
                gone = expiredHere.count() - expiredHere.countIn(union);
            }
            reports.add(new PartitionReport(e.getKey(), from, to, present, gone));
        }
        List<GapReport> lost = new ArrayList<>();
        for (RetentionGap g : gaps) {
            OffsetSet range = new OffsetSet();
            range.addRange(g.partition(), g.from(), g.to() - 1);
            lost.add(new GapReport(g, range.countIn(union)));
        }
        return new Report(reports, total - union.count(), union.count(), lost);
    }
}
