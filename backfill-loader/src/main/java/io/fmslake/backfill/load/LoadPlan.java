package io.fmslake.backfill.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run loads: per partition, from where (the earliest offset Kafka still holds, or where a finished
 * earlier run stopped) up to the hand-over point.
 */
public record LoadPlan(List<PartitionRange> ranges) {
    public LoadPlan {
        ranges = List.copyOf(ranges);
    }

    /**
     * @param earliest the log start offsets
     * @param latest   the log end offsets (a hand-over point beyond them is clamped: nothing to read there)
     * @param done     where a finished earlier run stopped (empty to reload everything)
     * @param boundary the hand-over point
     */
    public static LoadPlan of(Map<Integer, Long> earliest, Map<Integer, Long> latest, Map<Integer, Long> done,
                              Map<Integer, Long> boundary) {
        List<PartitionRange> out = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : new TreeMap<>(boundary).entrySet()) {
            int p = e.getKey();
            long to = Math.min(e.getValue(), latest.getOrDefault(p, e.getValue()));
            long from = Math.max(earliest.getOrDefault(p, 0L), done.getOrDefault(p, 0L));
            out.add(new PartitionRange(p, Math.min(from, to), to));
        }
        return new LoadPlan(out);
    }

    public long total() {
        return ranges.stream().mapToLong(PartitionRange::size).sum();
    }

    public boolean isEmpty() {
        return total() == 0;
    }
}
