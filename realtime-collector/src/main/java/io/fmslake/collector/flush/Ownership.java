package io.fmslake.collector.flush;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this replica may still write: the partitions the group assigned to it, and a membership lease. The poll
 * thread updates both; flush threads check them right before every upload. A replica that lost a partition, or
 * that has not heard from the group coordinator for longer than is safe (a paused or partitioned "zombie" whose
 * partitions the group may have handed to another replica), uploads nothing for it.
 */
public final class Ownership {
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private volatile long leaseUntilMillis = Long.MAX_VALUE;

    public Ownership(Clock clock) {
        this.clock = clock;
    }

    public void assigned(Collection<Integer> partitions) {
        owned.addAll(partitions);
    }

    public void removed(Collection<Integer> partitions) {
        owned.removeAll(partitions);
    }

    public boolean owns(int partition) {
        return owned.contains(partition);
    }

    public Set<Integer> owned() {
        return Set.copyOf(owned);
    }

    /** The group coordinator was last heard at {@code heartbeatMillis}; membership is safe for {@code safeFor}. */
    public void heard(long heartbeatMillis, long safeForMillis) {
        leaseUntilMillis = heartbeatMillis + safeForMillis;
    }

    public boolean leaseValid() {
        return clock.millis() < leaseUntilMillis;
    }

    public long leaseUntilMillis() {
        return leaseUntilMillis;
    }
}
