package io.fmslake.merge;

import io.fmslake.store.MissingObjectException;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.store.TimedStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acquires a lease: creates the lease object if there is none (If-None-Match), or takes an expired one over
 * (If-Match on the ETag read), else polls until the wait is over. Whether the current lease has expired is judged
 * by the store's clock alone: the object's Last-Modified (set by the store at the holder's last renewal) against the
 * store's time when it answered, compared with the holder's TTL plus the store's one-second resolution. The wall
 * clock of this machine and the times the holder wrote into the object play no part, so skewed clocks neither let
 * a contender take a live lease nor keep it from an expired one.
 */
final class LeaseContender {
    /** Resolution of the store's Last-Modified and Date (HTTP dates): added to the age a contender waits for. */
    static final Duration STORE_TIME_RESOLUTION = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(LeaseContender.class);

    private final ObjectStore store;
    private final LeaseTerms terms;
    private final String owner;
    private final Clock clock;
    private final Ticker ticker;

    LeaseContender(ObjectStore store, LeaseTerms terms, String owner, Clock clock, Ticker ticker) {
        this.store = store;
        this.terms = terms;
        this.owner = owner;
        this.clock = clock;
        this.ticker = ticker;
    }

    /** What the store holds under the lease key now, and how old it is by the store's clock. */
    private record Current(LeaseRecord record, String etag, Duration age) {
        Duration ttl(Duration fallback) {
            return record.ttl().orElse(fallback);
        }

        boolean expired(Duration fallbackTtl) {
            return age.compareTo(ttl(fallbackTtl).plus(STORE_TIME_RESOLUTION)) >= 0;
        }

        String describe(Duration fallbackTtl) {
            return record.owner() + " (renewed " + age.toMillis() / 1000.0 + " s ago by the store's clock, TTL "
                    + ttl(fallbackTtl) + ")";
        }
    }

    MergeLease acquire(MergeLease.Sleeper sleeper) {
        long deadline = ticker.nanos() + terms.maxWait().toNanos();
        Optional<Current> seen = Optional.empty();
        boolean announced = false;
        while (true) {
            Instant now = clock.instant();
            byte[] mine = LeaseRecord.of(owner, now, now, terms.ttl()).toJson();
            long start = ticker.nanos();
            Optional<String> created = store.tryCreate(terms.key(), mine);
            if (created.isPresent()) {
                LOG.info("lease {} acquired by {}", terms.key(), owner);
                return new MergeLease(store, terms, owner, now, clock, ticker, created.get(), start);
            }
            Optional<Current> current = read();
            if (current.isPresent()) {
                seen = current;
                if (current.get().expired(terms.ttl())) {
                    start = ticker.nanos();
                    Optional<String> taken = store.tryReplace(terms.key(), mine, current.get().etag());
                    if (taken.isPresent()) {
                        LOG.info("lease {} taken over by {} from {}", terms.key(), owner,
                                current.get().describe(terms.ttl()));
                        return new MergeLease(store, terms, owner, now, clock, ticker, taken.get(), start);
                    }
                }
            }
            if (!announced && seen.isPresent()) {
                LOG.info("lease {} held by {}; waiting for it up to {}", terms.key(), seen.get().describe(terms.ttl()),
                        terms.maxWait());
                announced = true;
            }
            long left = deadline - ticker.nanos();
            if (left <= 0) {
                throw new LeaseUnavailableException("lease " + terms.key() + " is held by "
                        + seen.map(c -> c.describe(terms.ttl())).orElse("another process") + "; waited " + terms.maxWait());
            }
            try {
                sleeper.sleep(Duration.ofNanos(Math.min(left, terms.poll().toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LeaseUnavailableException("interrupted while waiting for the lease " + terms.key());
            }
        }
    }

    private Optional<Current> read() {
        TimedStat stat = store.statWithStoreTime(terms.key());
        if (stat.object().isEmpty()) {
            return Optional.empty();
        }
        StoredObject object = stat.object().get();
        try (InputStream in = store.open(terms.key())) {
            LeaseRecord record = LeaseRecord.fromJson(in.readAllBytes());
            return Optional.of(new Current(record, object.etag(),
                    Duration.between(object.lastModified(), stat.storeTime())));
        } catch (MissingObjectException e) {
            return Optional.empty(); // released meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + terms.key(), e);
        }
    }
}
