package io.fmslake.merge;

import io.fmslake.store.ObjectStore;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the lease of one target window (DESIGN-merger.md, "Leases per window"), so that runs on disjoint windows
 * proceed in parallel and runs on overlapping windows (one inside the other) never both write:
 * <ol>
 *   <li>create the window's lease object {@code _lease/<level>/<window name>.json} (put-if-absent), or take it over
 *       once the store's clock says it has expired ({@link LeaseContender}); while another holds it, wait;</li>
 *   <li>then list {@value LeaseKeys#PREFIX}: a live lease of an overlapping window (or the legacy bucket-wide one) is
 *       a conflict; an expired one is taken over and removed ({@link OverlapCheck});</li>
 *   <li>no conflict and our own object still ours: the lease is held. A conflict with a coarser window: release
 *       ours and try again after a pause with jitter. Only finer ones: keep ours (so no new finer run starts) and
 *       look again after a pause;</li>
 *   <li>give up after the wait ({@link LeaseUnavailableException}).</li>
 * </ol>
 * Every contender writes its own object before it reads the others', so of two contenders on overlapping windows
 * the later writer sees the earlier one. The returned lease renews itself by heartbeat and is fenced as before:
 * {@link MergeLease#ensureHeld()} before every write. Thread-safe.
 */
public final class WindowLeases {
    private static final Logger LOG = LoggerFactory.getLogger(WindowLeases.class);

    private final ObjectStore store;
    private final LeaseKeys keys;
    private final Duration ttl;
    private final Duration maxWait;
    private final String owner;
    private final Clock clock;
    private final Ticker ticker;
    private final MergeLease.Sleeper sleeper;

    /**
     * @param ttl     how long a renewal lasts ({@code LEASE_TTL})
     * @param maxWait how long {@link #acquire(Window)} waits ({@code LEASE_WAIT})
     * @param owner   this process ({@link MergeLease#newOwnerId()})
     * @param clock   fills the human-readable times of the lease objects only
     * @param ticker  the holders' monotonic clock
     */
    public WindowLeases(
            ObjectStore store,
            WindowCodec codec,
            Duration ttl,
            Duration maxWait,
            String owner,
            Clock clock,
            Ticker ticker,
            MergeLease.Sleeper sleeper) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = new LeaseKeys(codec);
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** For a service: its own owner id, the system's monotonic clock, and {@link Thread#sleep}. */
    public static WindowLeases of(ObjectStore store, WindowCodec codec, Duration ttl, Duration maxWait, Clock clock) {
        return new WindowLeases(
                store,
                codec,
                ttl,
                maxWait,
                MergeLease.newOwnerId(),
                clock,
                Ticker.SYSTEM,
                d -> Thread.sleep(d.toMillis()));
    }

    /** How often a waiting contender looks again: a tenth of the TTL, at most 5 s. */
    public static Duration pollFor(Duration ttl) {
        Duration tenth = ttl.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : tenth;
    }

    public LeaseKeys keys() {
        return keys;
    }

    /** The lease of {@code target}, waiting up to the configured wait. */
    public MergeLease acquire(Window target) {
        return acquire(target, maxWait);
    }

    /**
     * The lease of {@code target}, held and renewed by heartbeat; close it to release it.
     *
     * @param wait how long to wait for conflicting holders (zero: one try)
     * @throws LeaseUnavailableException when the window's lease or an overlapping one is still held after {@code wait}
     */
    public MergeLease acquire(Window target, Duration wait) {
        LeaseTerms terms = new LeaseTerms(keys.of(target), ttl, wait, pollFor(ttl));
        LeaseContender contender = new LeaseContender(store, terms, owner, clock, ticker);
        OverlapCheck check = new OverlapCheck(store, keys, terms, owner, clock);
        long deadline = ticker.nanos() + wait.toNanos();
        MergeLease held = null;
        String blocker = null;
        String announced = null;
        try {
            while (true) {
                String blockingKeys = terms.key();
                if (held == null) {
                    LeaseContender.Attempt attempt = contender.attempt();
                    held = attempt.lease().orElse(null);
                    blocker = attempt.holder()
                            .map(h -> "held by " + h.describe(ttl))
                            .orElse("just released");
                }
                if (held != null) {
                    held.startHeartbeat();
                    List<OverlapCheck.Conflict> conflicts = check.conflicts(target);
                    if (conflicts.isEmpty() && stillOurs(held)) {
                        MergeLease done = held;
                        held = null;
                        return done;
                    }
                    if (conflicts.isEmpty() || conflicts.stream().anyMatch(c -> c.yieldsTo(target))) {
                        held.close(); // a coarser window comes first; or ours was taken over while we looked
                        held = null;
                    }
                    blocker = conflicts.isEmpty()
                            ? "our lease object was taken over while we checked"
                            : "overlapping " + conflicts;
                    blockingKeys = conflicts.stream()
                            .map(OverlapCheck.Conflict::key)
                            .toList()
                            .toString();
                }
                long left = deadline - ticker.nanos();
                if (left <= 0) {
                    throw new LeaseUnavailableException(
                            "lease " + terms.key() + " not acquired: " + blocker + "; waited " + wait);
                }
                if (!blockingKeys.equals(announced)) {
                    LOG.info("lease {}: {}; waiting for it up to {}", terms.key(), blocker, wait);
                    announced = blockingKeys;
                }
                pause(Math.min(left, jittered(terms.poll())), terms.key());
            }
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }

    private static boolean stillOurs(MergeLease lease) {
        try {
            lease.ensureHeld();
            return true;
        } catch (LeaseLostException e) {
            return false;
        }
    }

    /** Between half and one and a half polls, so that contenders that met once do not meet again in step. */
    private static long jittered(Duration poll) {
        return (long) (poll.toNanos() * ThreadLocalRandom.current().nextDouble(0.5, 1.5));
    }

    private void pause(long nanos, String key) {
        try {
            sleeper.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LeaseUnavailableException("interrupted while waiting for the lease " + key);
        }
    }
}
