package io.fmslake.collector.consume;

import io.fmslake.collector.CollectorSettings.StartOffset;
import io.fmslake.collector.consume.StartDecision.Rule;
import io.fmslake.publish.LakeCoordinates;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The decision table of start positions (DESIGN-collector.md, step 1). Pure: Kafka, the marker and the lake are
 * read by {@link StartPositions}. Rows, first match wins, per partition P with log {@code [s, e)}:
 * <ol>
 *   <li>committed c: {@code c < s} resume at s, [c, s) a retention gap; {@code c > e} resume at e; else at c;</li>
 *   <li>nothing committed anywhere in the group, no marker, no record of the topic in the lake: the group's very
 *       first start, START_OFFSET;</li>
 *   <li>the lake holds records of P: the first offset the lake lacks at or above max(s, floor), floor being the
 *       marker's start of P, else s (not the lowest offset of P in the lake: a record below it may have been read
 *       and never made durable, for example one of an open minute when a later minute was written first);</li>
 *   <li>the marker lists a start m for P: max(s, m) ([m, s) a retention gap);</li>
 *   <li>otherwise (a partition that appeared later): s.</li>
 * </ol>
 * Never the log end unless START_OFFSET says so on a first start, or the log was truncated below a position.
 */
final class StartDecider {
    private StartDecider() {}

    /** What is known of one partition: its committed offset, if any, and its log {@code [logStart, logEnd)}. */
    record PartitionFacts(int partition, OptionalLong committed, long logStart, long logEnd) {}

    /**
     * What is known of the group: whether its marker exists and the starts it lists, whether it has any committed
     * offset in the topic, and the lake's coordinates (read only when a partition has no committed offset).
     */
    record GroupFacts(
            boolean markerPresent,
            Map<Integer, Long> markerStarts,
            boolean anyCommitted,
            Optional<LakeCoordinates> lake,
            StartOffset startOffset) {
        /** The group's very first start: no marker, no committed offset, no record of the topic in the lake. */
        boolean firstStart() {
            return !markerPresent
                    && !anyCommitted
                    && lake.map(LakeCoordinates::isEmpty).orElse(false);
        }
    }

    static StartDecision decide(PartitionFacts p, GroupFacts g) {
        int partition = p.partition();
        long s = p.logStart();
        long e = p.logEnd();
        String log = "log [" + s + ", " + e + ")";
        if (p.committed().isPresent()) {
            long c = p.committed().getAsLong();
            String why = "committed " + c + ", " + log;
            if (c < s) {
                return new StartDecision(partition, s, Rule.RETENTION, OptionalLong.of(c), why);
            }
            if (c > e) {
                return new StartDecision(partition, e, Rule.BEYOND_END, OptionalLong.empty(), why + ", truncated?");
            }
            return new StartDecision(partition, c, Rule.COMMITTED, OptionalLong.empty(), why);
        }
        LakeCoordinates lake = g.lake()
                .orElseThrow(() -> new IllegalStateException(
                        "partition " + partition + " has no committed offset: its start needs the lake's coordinates"));
        OptionalLong m = Optional.ofNullable(g.markerStarts().get(partition))
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
        String why = "no committed offset for p" + partition + ", " + log + ", marker "
                + (g.markerPresent() ? "present" : "absent")
                + (m.isPresent() ? " (start " + m.getAsLong() + ")" : "") + ", group commits "
                + (g.anyCommitted() ? "some" : "none") + ", lake "
                + (lake.holds(partition)
                        ? "holds " + lake.lowest(partition) + ".." + lake.highest(partition)
                        : lake.isEmpty() ? "empty" : "holds nothing of p" + partition);
        if (g.firstStart()) {
            return new StartDecision(
                    partition,
                    g.startOffset() == StartOffset.EARLIEST ? s : e,
                    Rule.FIRST_START,
                    OptionalLong.empty(),
                    why + ", START_OFFSET=" + g.startOffset().name().toLowerCase(Locale.ROOT));
        }
        if (lake.holds(partition)) {
            long floor = m.orElse(s);
            long at = lake.firstMissing(partition, Math.max(s, floor));
            if (at > e) {
                return new StartDecision(
                        partition,
                        e,
                        Rule.BEYOND_END,
                        OptionalLong.empty(),
                        why + ", the lake holds offsets beyond the log end: truncated or re-created?");
            }
            long lost = lake.firstMissing(partition, floor);
            return new StartDecision(
                    partition, at, Rule.LAKE, lost < s ? OptionalLong.of(lost) : OptionalLong.empty(), why);
        }
        if (m.isPresent()) {
            long start = Math.min(Math.max(s, m.getAsLong()), e);
            return new StartDecision(
                    partition,
                    start,
                    Rule.MARKER,
                    m.getAsLong() < s ? OptionalLong.of(m.getAsLong()) : OptionalLong.empty(),
                    why);
        }
        return new StartDecision(partition, s, Rule.EARLIEST, OptionalLong.empty(), why);
    }

    /**
     * The starts a new marker lists: on the group's first start the START_OFFSET position of every partition, else
     * the committed offsets (within the log), so that a partition it lists is never again started from scratch.
     */
    static Map<Integer, Long> markerStarts(Collection<PartitionFacts> all, GroupFacts g) {
        Map<Integer, Long> starts = new TreeMap<>();
        for (PartitionFacts p : all) {
            if (g.firstStart()) {
                starts.put(p.partition(), g.startOffset() == StartOffset.EARLIEST ? p.logStart() : p.logEnd());
            } else if (p.committed().isPresent()) {
                starts.put(p.partition(), Math.min(Math.max(p.committed().getAsLong(), p.logStart()), p.logEnd()));
            }
        }
        return starts;
    }

    /** Why a new marker is written (its {@code reason}). */
    static String markerReason(GroupFacts g) {
        return g.firstStart() ? "first start" : g.anyCommitted() ? "committed offsets" : "lake history";
    }
}
