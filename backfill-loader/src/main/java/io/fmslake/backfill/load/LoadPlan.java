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
    public static LoadPlan of(
            Map<Integer, Long> earliest,
            Map<Integer, Long> latest,
            Map<Integer, Long> done,
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

    /**
     * This plan cut into consecutive chunks of at most about {@code maxRecords} offsets (one more per partition at
     * most), each taking the same share of every partition, so that a chunk covers about the same stretch of time in
     * each (records arrive in offset order, which in a partition roughly follows time). Chunk {@code k} of {@code n}
     * reads, per partition, {@code [from + k * step, from + (k + 1) * step)} clipped to the range, with
     * {@code step = ceil(size / n)}. The chunks together are exactly this plan; an empty plan is one empty chunk.
     */
    public List<LoadPlan> chunks(long maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
        }
        long n = Math.max(1, (total() + maxRecords - 1) / maxRecords);
        List<LoadPlan> out = new ArrayList<>();
        for (long k = 0; k < n; k++) {
            List<PartitionRange> chunk = new ArrayList<>();
            for (PartitionRange r : ranges) {
                long step = (r.size() + n - 1) / n;
                long from = Math.min(r.to(), r.from() + k * step);
                chunk.add(new PartitionRange(r.partition(), from, Math.min(r.to(), from + step)));
            }
            out.add(new LoadPlan(chunk));
        }
        return out;
    }

    /** Partition -> end of its range: what is loaded once this plan is. */
    public Map<Integer, Long> ends() {
        Map<Integer, Long> out = new TreeMap<>();
        ranges.forEach(r -> out.put(r.partition(), r.to()));
        return out;
    }

    /** Partition -> start of its range. */
    public Map<Integer, Long> starts() {
        Map<Integer, Long> out = new TreeMap<>();
        ranges.forEach(r -> out.put(r.partition(), r.from()));
        return out;
    }

    public long total() {
        return ranges.stream().mapToLong(PartitionRange::size).sum();
    }

    public boolean isEmpty() {
        return total() == 0;
    }
}
