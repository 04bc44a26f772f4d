package io.fmslake.collector.buffer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How far the consumer has got in each assigned partition, in event time: the latest event time polled, and
 * whether the partition is caught up (no lag at the last fetch). A closed minute is only written on close once
 * every partition has passed its end or has nothing more to give, so a backlog read unevenly across partitions
 * still yields one file per minute. Not thread-safe: the poll thread owns it.
 */
public final class PartitionProgress {
    private final Map<Integer, Long> latestEventTime = new HashMap<>();
    private final Map<Integer, Boolean> caughtUp = new HashMap<>();

    public void assigned(Set<Integer> partitions) {
        latestEventTime.keySet().retainAll(partitions);
        caughtUp.keySet().retainAll(partitions);
        for (int p : partitions) {
            latestEventTime.putIfAbsent(p, Long.MIN_VALUE);
            caughtUp.putIfAbsent(p, false);
        }
    }

    public void polled(int partition, long eventTimeMillis) {
        latestEventTime.computeIfPresent(partition, (p, t) -> Math.max(t, eventTimeMillis));
    }

    public void lag(int partition, long lag) {
        caughtUp.put(partition, lag <= 0);
    }

    /** True when every assigned partition is caught up or has delivered an event at or after {@code millis}. */
    public boolean passed(long millis) {
        for (Map.Entry<Integer, Long> e : latestEventTime.entrySet()) {
            if (e.getValue() < millis && !caughtUp.getOrDefault(e.getKey(), false)) {
                return false;
            }
        }
        return true;
    }
}
