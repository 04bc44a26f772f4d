package io.fmslake.parquet;

import io.fmslake.row.OffsetSet;
import io.fmslake.store.UserMetadata;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the MinIO console shows of a lake file: S3 user metadata derived from the file's footer summary (never from a
 * second read of the file). The writing service adds {@link UserMetadata#SERVICE} and {@link UserMetadata#VERSION}.
 * <ul>
 *   <li>{@value #ROWS}: the row count;</li>
 *   <li>{@value #EVENT_TIME_MIN}, {@value #EVENT_TIME_MAX}: the event-time range, ISO-8601 UTC (Kafka timestamps in a
 *       dead-letter file; absent for a file without rows);</li>
 *   <li>{@value #OFFSETS}: the Kafka offsets per partition, ranges merged: {@code p0=0-9999,p1=0-4 7-9} (a space
 *       between the ranges of a partition with gaps); cut after {@value #OFFSETS_BUDGET} characters as
 *       {@code ...(+N partitions)};</li>
 *   <li>{@value #TOPIC}: the Kafka topic;</li>
 *   <li>{@value #REASONS} (dead letters only): the count per reason, most frequent first: {@code not_json=3,empty=1}.</li>
 * </ul>
 */
public final class LakeFileMetadata {
    public static final String ROWS = "fms-rows";
    public static final String EVENT_TIME_MIN = "fms-event-time-min";
    public static final String EVENT_TIME_MAX = "fms-event-time-max";
    public static final String OFFSETS = "fms-offsets";
    public static final String TOPIC = "fms-topic";
    public static final String REASONS = "fms-reasons";
    /** Characters of {@value #OFFSETS} at most, so that all entries stay far within S3's 2 KB. */
    static final int OFFSETS_BUDGET = 1024;
    /** Characters of {@value #REASONS} at most. */
    static final int REASONS_BUDGET = 256;
    /** Ranges shown per partition; more are cut as {@code ...(+N ranges)}. */
    static final int RANGES_PER_PARTITION = 8;

    private LakeFileMetadata() {}

    /** The metadata of a file with this footer summary. */
    public static UserMetadata of(FileSummary summary) {
        UserMetadata m = UserMetadata.none().with(ROWS, Long.toString(summary.rows()));
        if (summary.rows() > 0 && summary.minEventTime() <= summary.maxEventTime()) {
            m = m.with(
                            EVENT_TIME_MIN,
                            Instant.ofEpochMilli(summary.minEventTime()).toString())
                    .with(
                            EVENT_TIME_MAX,
                            Instant.ofEpochMilli(summary.maxEventTime()).toString());
        }
        return m.with(OFFSETS, offsets(summary.offsets(), OFFSETS_BUDGET)).with(TOPIC, summary.topic());
    }

    /** The metadata of a dead-letter file: {@link #of} plus the count per reason of its letters. */
    public static UserMetadata ofDeadLetters(FileSummary summary, Collection<String> reasons) {
        Map<String, Long> counts = new TreeMap<>();
        reasons.forEach(r -> counts.merge(r, 1L, Long::sum));
        StringBuilder sb = new StringBuilder();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sb.append(sb.length() == 0 ? "" : ",")
                        .append(e.getKey())
                        .append('=')
                        .append(e.getValue()));
        String text = sb.length() <= REASONS_BUDGET ? sb.toString() : sb.substring(0, REASONS_BUDGET - 3) + "...";
        return of(summary).with(REASONS, text);
    }

    /**
     * The short form of an offset set: {@code p<partition>=<from>-<to>} per partition, comma-separated, the ranges of
     * one partition separated by spaces; whole partitions only, within {@code budget} characters.
     */
    static String offsets(OffsetSet offsets, int budget) {
        List<Integer> partitions = offsets.partitions();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < partitions.size(); i++) {
            String next = (i == 0 ? "" : ",") + partition(offsets, partitions.get(i));
            int left = partitions.size() - i - 1;
            String tail = left == 0 ? "" : "," + cut(left);
            if (sb.length() + next.length() + tail.length() > budget) {
                return sb + (i == 0 ? "" : ",") + cut(partitions.size() - i);
            }
            sb.append(next);
        }
        return sb.toString();
    }

    private static String cut(int partitions) {
        return "...(+" + partitions + " partitions)";
    }

    private static String partition(OffsetSet offsets, int p) {
        List<long[]> ranges = offsets.ranges(p);
        StringBuilder sb = new StringBuilder("p").append(p).append('=');
        int shown = Math.min(ranges.size(), RANGES_PER_PARTITION);
        for (int i = 0; i < shown; i++) {
            long[] r = ranges.get(i);
            sb.append(i == 0 ? "" : " ").append(r[0]).append('-').append(r[1]);
        }
        if (ranges.size() > shown) {
            sb.append(" ...(+").append(ranges.size() - shown).append(" ranges)");
        }
        return sb.toString();
    }
}
