package io.fmslake.merge;

import io.fmslake.store.Deletion;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A held lease of one target window ({@link WindowLeases}: {@code _lease/<level>/<window name>.json}): only its
 * holder replaces that window's hour/day/week files or deletes lake files inside it. Acquired by
 * {@link LeaseContender} (create, or take over once expired by the store's clock). Every write to the lease object
 * is a compare-and-swap on the ETag of our last write, so two processes never both hold it.
 *
 * <p>The holder judges its own validity with a monotonic {@link Ticker}, never a wall clock: the lease counts as its
 * own until TTL minus a margin ({@link LeaseTerms#margin()}) after the start of its last successful renewal request.
 * The store set the object's Last-Modified after that start, and a contender waits until the store's clock says the
 * object is a full TTL (plus one second) old, so the holder stops believing before anyone can take over, whatever
 * the clocks of the machines say. {@link #ensureHeld()} comes right before every write: within the validity it costs
 * nothing; past it, it renews by compare-and-swap, and if that fails the lease is lost and the run stops.
 * Thread-safe; a daemon thread renews every third of the TTL while held.
 */
public final class MergeLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MergeLease.class);

    /** Sleeps between polls; tests pass one that advances fake clocks. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final ObjectStore store;
    private final LeaseTerms terms;
    private final String owner;
    private final Instant acquired;
    private final Clock clock;
    private final Ticker ticker;
    private String etag;
    private long validUntil;
    private boolean lost;
    private boolean released;
    private ScheduledExecutorService heartbeat;

    MergeLease(
            ObjectStore store,
            LeaseTerms terms,
            String owner,
            Instant acquired,
            Clock clock,
            Ticker ticker,
            String etag,
            long requestStart) {
        this.store = store;
        this.terms = terms;
        this.owner = owner;
        this.acquired = acquired;
        this.clock = clock;
        this.ticker = ticker;
        held(etag, requestStart);
    }

    /** A process-unique owner id: host, pid and a random part. */
    public static String newOwnerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Acquires the one lease object {@code terms} names (no overlap check: {@link WindowLeases} adds that for
     * windows). {@code clock} only fills the human-readable times of the lease
     * object; expiry is judged by the store's clock and the holder's validity by {@code ticker}.
     *
     * @throws LeaseUnavailableException when still held by someone else after {@code terms.maxWait()}
     */
    public static MergeLease acquire(
            ObjectStore store, LeaseTerms terms, String owner, Clock clock, Ticker ticker, Sleeper sleeper) {
        return new LeaseContender(store, terms, owner, clock, ticker).acquire(sleeper);
    }

    public String owner() {
        return owner;
    }

    public LeaseTerms terms() {
        return terms;
    }

    /** How much longer the lease is ours without a renewal, by the holder's ticker; zero or negative once past it. */
    public synchronized Duration validFor() {
        return Duration.ofNanos(validUntil - ticker.nanos());
    }

    /** Renews every third of the TTL on a daemon thread until {@link #close()}. */
    // beat() logs its own failures and the executor ends with close(); ensureHeld() renews before every write anyway
    @SuppressWarnings("FutureReturnValueIgnored")
    public synchronized void startHeartbeat() {
        if (heartbeat != null) {
            return;
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, terms.ttl().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            renew();
        } catch (LeaseLostException e) {
            LOG.error("{}", e.getMessage());
        } catch (StoreException e) {
            LOG.warn("lease {} renewal failed, will retry: {}", terms.key(), e.getMessage());
        }
    }

    /**
     * The check right before every write: returns at once while the lease is valid by the holder's ticker; past
     * that, renews by compare-and-swap first.
     *
     * @throws LeaseLostException when the lease object is no longer the one we wrote (taken over or removed)
     */
    public synchronized void ensureHeld() {
        failIfGone();
        if (validUntil - ticker.nanos() > 0) {
            return;
        }
        renewNow();
    }

    /**
     * Renews now (compare-and-swap on the ETag we wrote last), whatever the validity left.
     *
     * @throws LeaseLostException when the lease object is no longer the one we wrote
     */
    public synchronized void renew() {
        failIfGone();
        renewNow();
    }

    private void failIfGone() {
        if (lost || released) {
            throw new LeaseLostException("lease lost: " + terms.key() + " of " + owner
                    + (lost
                            ? " was taken over or removed while this process was away; stopping before the next write"
                            : " is released"));
        }
    }

    private void renewNow() {
        long start = ticker.nanos();
        Instant now = clock.instant();
        Optional<String> next = store.tryReplace(
                terms.key(), LeaseRecord.of(owner, acquired, now, terms.ttl()).toJson(), etag);
        if (next.isEmpty()) {
            lost = true;
            throw new LeaseLostException("lease lost: " + terms.key() + " of " + owner + " was taken over or removed "
                    + "(our validity ended "
                    + Duration.ofNanos(start - validUntil).toMillis() + " ms ago, TTL "
                    + terms.ttl() + "); stopping before the next write");
        }
        held(next.get(), start);
    }

    /** Stops the heartbeat and deletes the lease if it is still ours (renewing first, so nobody can hold it). */
    @Override
    public void close() {
        ScheduledExecutorService hb;
        synchronized (this) {
            hb = heartbeat;
            heartbeat = null;
        }
        if (hb != null) {
            hb.shutdownNow();
        }
        synchronized (this) {
            if (released || lost) {
                return;
            }
            try {
                renewNow();
                if (store.deleteIfMatch(terms.key(), etag) == Deletion.DELETED) {
                    LOG.info("lease {} released by {}", terms.key(), owner);
                }
            } catch (LeaseLostException e) {
                LOG.warn("{} at release", e.getMessage());
            } finally {
                released = true;
            }
        }
    }

    /** Remembers the ETag of our last successful write, and that it is ours for the validity from its start. */
    private synchronized void held(String newEtag, long requestStart) {
        etag = newEtag;
        validUntil = requestStart + terms.validity().toNanos();
    }
}
