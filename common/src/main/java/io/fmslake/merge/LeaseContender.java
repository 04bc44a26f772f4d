package io.fmslake.merge;

import io.fmslake.store.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acquires one lease object: creates it if there is none (If-None-Match), or takes an expired one over (If-Match on
 * the ETag read), else polls until the wait is over. Whether the current lease has expired is judged by the store's
 * clock alone ({@link LeaseObject#expired}): the wall clock of this machine and the times the holder wrote into the
 * object play no part, so skewed clocks neither let a contender take a live lease nor keep it from an expired one.
 */
final class LeaseContender {
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

    /** One try: the lease if it was free or expired, else who holds it (empty if it vanished meanwhile). */
    record Attempt(Optional<MergeLease> lease, Optional<LeaseObject> holder) {}

    /** Creates the lease object, or takes it over when the store's clock says it has expired. */
    Attempt attempt() {
        Instant now = clock.instant();
        byte[] mine = LeaseRecord.of(owner, now, now, terms.ttl()).toJson();
        long start = ticker.nanos();
        Optional<String> created = store.tryCreate(terms.key(), mine);
        if (created.isPresent()) {
            LOG.info("lease {} acquired by {}", terms.key(), owner);
            return new Attempt(
                    Optional.of(new MergeLease(store, terms, owner, now, clock, ticker, created.get(), start)),
                    Optional.empty());
        }
        Optional<LeaseObject> current = LeaseObject.read(store, terms.key());
        if (current.isPresent() && current.get().expired(terms.ttl())) {
            start = ticker.nanos();
            Optional<String> taken =
                    store.tryReplace(terms.key(), mine, current.get().etag());
            if (taken.isPresent()) {
                LOG.info(
                        "lease {} taken over by {} from {}",
                        terms.key(),
                        owner,
                        current.get().describe(terms.ttl()));
                return new Attempt(
                        Optional.of(new MergeLease(store, terms, owner, now, clock, ticker, taken.get(), start)),
                        Optional.empty());
            }
        }
        return new Attempt(Optional.empty(), current);
    }

    MergeLease acquire(MergeLease.Sleeper sleeper) {
        long deadline = ticker.nanos() + terms.maxWait().toNanos();
        Optional<LeaseObject> seen = Optional.empty();
        boolean announced = false;
        while (true) {
            Attempt attempt = attempt();
            if (attempt.lease().isPresent()) {
                return attempt.lease().get();
            }
            if (attempt.holder().isPresent()) {
                seen = attempt.holder();
            }
            if (!announced && seen.isPresent()) {
                LOG.info(
                        "lease {} held by {}; waiting for it up to {}",
                        terms.key(),
                        seen.get().describe(terms.ttl()),
                        terms.maxWait());
                announced = true;
            }
            long left = deadline - ticker.nanos();
            if (left <= 0) {
                throw new LeaseUnavailableException("lease " + terms.key() + " is held by "
                        + seen.map(c -> c.describe(terms.ttl())).orElse("another process") + "; waited "
                        + terms.maxWait());
            }
            try {
                sleeper.sleep(Duration.ofNanos(Math.min(left, terms.poll().toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LeaseUnavailableException("interrupted while waiting for the lease " + terms.key());
            }
        }
    }
}
