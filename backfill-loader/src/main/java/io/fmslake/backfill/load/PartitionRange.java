package io.fmslake.backfill.load;

/** The offsets of one partition to load: {@code [from, to)}. */
public record PartitionRange(int partition, long from, long to) {
    public PartitionRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range " + partition + ":[" + from + ", " + to + ")");
        }
    }

    public long size() {
        return to - from;
    }
}
