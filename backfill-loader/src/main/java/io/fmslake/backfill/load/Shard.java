package io.fmslake.backfill.load;

import java.util.List;

/**
 * Which partitions one pod of an Indexed Job loads: partition {@code p} belongs to index {@code p mod count}, so the
 * pods of one Job load disjoint sets that together cover the topic. One pod ({@code count = 1}) loads every
 * partition. Index 0 is the one place that records the hand-over point for the collector group (DESIGN-backfill.md,
 * section 1).
 *
 * @param index this pod's index, {@code JOB_COMPLETION_INDEX} (0 when there is one pod)
 * @param count the number of pods, {@code BACKFILL_SHARDS} (the Job's {@code completions})
 */
public record Shard(int index, int count) {
    /** One pod loading every partition. */
    public static final Shard SINGLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("bad shard " + index + "/" + count);
        }
    }

    public boolean owns(int partition) {
        return partition % count == index;
    }

    /** The partitions of {@code all} this pod loads, in their order. */
    public List<Integer> of(List<Integer> all) {
        return all.stream().filter(this::owns).toList();
    }

    /** Whether this pod records the hand-over point when the collector group has none (index 0 only). */
    public boolean recordsHandOver() {
        return index == 0;
    }

    /** {@code "index/count"}, e.g. {@code 1/3}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
