package io.fmslake.merge;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreException;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * The one merge lease of a bucket, object {@value #KEY}. Only its holder replaces hour/day/week files or deletes lake
 * files. Acquired with a conditional create (If-None-Match), taken over once expired with a conditional replace
 * (If-Match on the ETag read), renewed with a conditional replace on the ETag of our last write, released by deleting
 * it right after a successful renewal. Every write is a compare-and-swap, so two processes never both believe they hold it; a holder that stalls
 * past its expiry finds out at its next {@link #ensureHeld()} (fencing) and stops. Relies on clocks agreeing to well
 * within the TTL. Thread-safe; a daemon thread renews every third of the TTL while held.
 */
public final class MergeLease implements AutoCloseable {
    public static final String KEY = "_lease/merge.json";
    private static final Logger LOG = LoggerFactory.getLogger(MergeLease.class);

    /** Sleeps between polls; tests pass one that advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final ObjectStore store;
    private final Clock clock;
    private final Duration ttl;
    private final String owner;
    private String etag;
    private Instant expires;
    private boolean lost;
    private boolean released;
    private ScheduledExecutorService heartbeat;

    private MergeLease(ObjectStore store, Clock clock, Duration ttl, String owner) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
        this.owner = owner;
    }

    /** A process-unique owner id: host, pid and a random part. */
    public static String newOwnerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Acquires the lease, waiting up to {@code wait} (polling every {@code poll}) while another live holder has it.
     *
     * @throws LeaseUnavailableException when still held by someone else after {@code wait}
     */
    public static MergeLease acquire(ObjectStore store, Clock clock, Duration ttl, Duration wait, Duration poll,
                                     String owner, Sleeper sleeper) {
        MergeLease lease = new MergeLease(store, clock, ttl, owner);
        Instant deadline = clock.instant().plus(wait);
        LeaseRecord seen = null;
        while (true) {
            Instant now = clock.instant();
            LeaseRecord mine = new LeaseRecord(owner, now, now.plus(ttl));
            Optional<String> created = store.tryCreate(KEY, mine.toJson());
            if (created.isPresent()) {
                lease.held(mine, created.get());
                LOG.info("merge lease acquired by {} until {}", owner, mine.expires());
                return lease;
            }
            Optional<Current> current = lease.read();
            if (current.isPresent()) {
                seen = current.get().record();
                Optional<String> taken = seen.expiredAt(now)
                        ? store.tryReplace(KEY, mine.toJson(), current.get().etag()) : Optional.empty();
                if (taken.isPresent()) {
                    lease.held(mine, taken.get());
                    LOG.info("merge lease taken over by {} from {} (expired {})", owner, seen.owner(), seen.expires());
                    return lease;
                }
            }
            if (!now.isBefore(deadline)) {
                throw new LeaseUnavailableException("merge lease " + KEY + " is held by "
                        + (seen == null ? "another process" : seen.owner() + " until " + seen.expires())
                        + "; waited " + wait);
            }
            try {
                Duration left = Duration.between(now, deadline);
                sleeper.sleep(left.compareTo(poll) < 0 ? left : poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LeaseUnavailableException("interrupted while waiting for the merge lease");
            }
        }
    }

    public String owner() {
        return owner;
    }

    public synchronized Instant expires() {
        return expires;
    }

    /** Renews every third of the TTL on a daemon thread until {@link #close()}. */
    public synchronized void startHeartbeat() {
        if (heartbeat != null) {
            return;
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "merge-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, ttl.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            ensureHeld();
        } catch (LeaseLostException e) {
            LOG.error("merge lease lost: {}", e.getMessage());
        } catch (StoreException e) {
            LOG.warn("merge lease renewal failed, will retry: {}", e.getMessage());
        }
    }

    /**
     * Renews the lease (compare-and-swap on the ETag we wrote last) so that a full TTL lies ahead. Call right before
     * every destructive step.
     *
     * @throws LeaseLostException when the lease object is no longer the one we wrote
     */
    public synchronized void ensureHeld() {
        if (lost || released) {
            throw new LeaseLostException("merge lease of " + owner + " is " + (lost ? "lost" : "released"));
        }
        Instant now = clock.instant();
        LeaseRecord renewed = new LeaseRecord(owner, now, now.plus(ttl));
        Optional<String> next = store.tryReplace(KEY, renewed.toJson(), etag);
        if (next.isEmpty()) {
            lost = true;
            throw new LeaseLostException("merge lease of " + owner + " was taken over or removed (it expired "
                    + expires + ", now " + now + ")");
        }
        held(renewed, next.get());
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
                ensureHeld();
                store.delete(KEY);
                LOG.info("merge lease released by {}", owner);
            } catch (LeaseLostException e) {
                LOG.warn("merge lease was no longer ours at release: {}", e.getMessage());
            } finally {
                released = true;
            }
        }
    }

    /** Remembers the ETag of our last successful write: the next renewal must find exactly that object. */
    private synchronized void held(LeaseRecord mine, String newEtag) {
        etag = newEtag;
        expires = mine.expires();
    }

    private Optional<Current> read() {
        Optional<StoredObject> stat = store.stat(KEY);
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = store.open(KEY)) {
            return Optional.of(new Current(LeaseRecord.fromJson(in.readAllBytes()), stat.get().etag()));
        } catch (StoreException e) {
            if (store.stat(KEY).isEmpty()) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + KEY, e);
        }
    }

    private record Current(LeaseRecord record, String etag) {
    }
}
