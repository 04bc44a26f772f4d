package io.fmslake.merger;

import io.fmslake.commit.RetentionGap;
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
 */
final class Reconciliation {
    private Reconciliation() {
    }

    /** Kafka range of one partition, [from, to), and how much of it the lake holds. */
    record PartitionReport(int partition, long from, long to, long present) {
        long expected() {
            return Math.max(0, to - from);
        }

        long missing() {
            return expected() - present;
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
            if (to > from) {
                OffsetSet expected = new OffsetSet();
                expected.addRange(e.getKey(), from, to - 1);
                present = expected.countIn(union);
            }
            reports.add(new PartitionReport(e.getKey(), from, to, present));
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
