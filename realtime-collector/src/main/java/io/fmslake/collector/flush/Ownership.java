package io.fmslake.collector.flush;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this replica may still write: the partitions the group assigned to it (each with an epoch, new at every
 * assignment) and a membership lease. The poll thread updates both; flush threads check them before every upload.
 *
 * <p>The lease rests only on confirmed contact: {@link #confirmed} is told the start time of a request whose success
 * proves that the group coordinator still counted this replica a member of its generation and restarted its session
 * (a successful offset commit, see DESIGN-collector.md). The coordinator cannot hand the partitions to another
 * replica before that start plus the lease span (the session timeout, capped), so an upload may begin only while it
 * would end, bounded by the upload timeout, a second before then. A paused or cut-off replica therefore uploads
 * nothing until a new confirmation, which a fenced member never gets in its old generation.
 */
public final class Ownership {
    /** Slack between the end of the longest upload and the end of the lease. */
    static final Duration SAFETY = Duration.ofSeconds(1);

    private final Map<Integer, Long> epochs = new ConcurrentHashMap<>();
    /** Uploads running per partition (guarded by this), so a revocation can wait for them. */
    private final Map<Integer, Integer> uploading = new HashMap<>();

    private final AtomicLong nextEpoch = new AtomicLong();
    private final Clock clock;
    private final long spanMillis;
    private final long uploadMillis;
    private volatile long confirmedAt = Long.MIN_VALUE / 2;

    /**
     * @param lease  how long after a confirmed contact the coordinator surely still counts this replica a member
     * @param upload the longest an upload may take (the store's whole-call timeout)
     */
    public Ownership(Clock clock, Duration lease, Duration upload) {
        this.clock = clock;
        this.spanMillis = lease.toMillis();
        this.uploadMillis = upload.toMillis();
    }

    /** The partitions of one upload and their epochs when its records were taken from the buffers. */
    public record Claim(Map<Integer, Long> epochs) {
        public Claim {
            epochs = Map.copyOf(epochs);
        }
    }

    public void assigned(Collection<Integer> partitions) {
        partitions.forEach(p -> epochs.put(p, nextEpoch.incrementAndGet()));
    }

    /** No upload for these partitions starts after this returns (see {@link #startUpload}). */
    public synchronized void removed(Collection<Integer> partitions) {
        partitions.forEach(epochs::remove);
    }

    public boolean owns(int partition) {
        return epochs.containsKey(partition);
    }

    public Set<Integer> owned() {
        return Set.copyOf(epochs.keySet());
    }

    /** A request that started at {@code startMillis} proved membership (and restarted the session). */
    public void confirmed(long startMillis) {
        if (startMillis > confirmedAt) {
            confirmedAt = startMillis;
        }
    }

    /** The current epochs of those of the partitions still owned. */
    public Claim claim(Collection<Integer> partitions) {
        Map<Integer, Long> now = new HashMap<>();
        for (int p : partitions) {
            Long e = epochs.get(p);
            if (e != null) {
                now.put(p, e);
            }
        }
        return new Claim(now);
    }

    /** True while the partition is owned in the same epoch as when the claim was made. */
    public boolean holds(Claim claim, int partition) {
        Long e = claim.epochs().get(partition);
        return e != null && e.equals(epochs.get(partition));
    }

    /** Whether an upload starting now would end before the lease does. */
    public boolean leaseValid() {
        return clock.millis() + uploadMillis + SAFETY.toMillis() < confirmedAt + spanMillis;
    }

    /** Whether any contact was confirmed yet (before that, no upload at all). */
    public boolean everConfirmed() {
        return confirmedAt != Long.MIN_VALUE / 2;
    }

    /** End of the lease (confirmed contact plus span); uploads must end a safety margin before it. */
    public long leaseUntilMillis() {
        return confirmedAt + spanMillis;
    }

    /**
     * Called right before every upload: refuses unless every claimed partition is still owned in its epoch and the
     * upload would end inside the lease.
     */
    public void checkUpload(Claim claim, String what) {
        for (int p : claim.epochs().keySet()) {
            if (!holds(claim, p)) {
                throw new NotOwnerException("partition " + p + " was lost or reassigned since " + what
                        + " was taken from the buffers; not writing it");
            }
        }
        if (!leaseValid()) {
            long since = clock.millis() - confirmedAt;
            throw new NotOwnerException("group membership not confirmed for "
                    + (since > 1L << 40 ? "ever" : since + " ms (last at " + Instant.ofEpochMilli(confirmedAt) + ")")
                    + "; an upload now could end "
                    + "after the coordinator may have given the partitions away; not writing " + what);
        }
    }

    /** {@link #checkUpload}, and if allowed, counts the upload as running until {@link #endUpload}. */
    public synchronized void startUpload(Claim claim, String what) {
        checkUpload(claim, what);
        claim.epochs().keySet().forEach(p -> uploading.merge(p, 1, Integer::sum));
    }

    public synchronized void endUpload(Claim claim) {
        claim.epochs().keySet().forEach(p -> uploading.computeIfPresent(p, (k, n) -> n == 1 ? null : n - 1));
        notifyAll();
    }

    /**
     * Waits until no upload of these (removed) partitions runs any more, at most {@code timeout}: after a
     * revocation, an upload that started before it must have ended before another replica can get the partitions.
     * @return false on timeout
     */
    public synchronized boolean awaitUploads(Collection<Integer> partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(uploading::containsKey)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The longest an upload that passed its check may still run. */
    public Duration uploadBound() {
        return Duration.ofMillis(uploadMillis).plus(SAFETY);
    }

    /** An upload refused because this replica may no longer own what it would write. */
    public static final class NotOwnerException extends IllegalStateException {
        NotOwnerException(String message) {
            super(message);
        }
    }
}
