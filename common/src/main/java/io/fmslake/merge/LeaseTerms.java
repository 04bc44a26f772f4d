package io.fmslake.merge;

import java.time.Duration;
import java.util.Objects;

/**
 * Which lease object, and how long its holder keeps it, a contender waits for it and polls.
 *
 * @param key     the lease object's key, e.g. {@code _lease/hour/20250612_10_11.json} ({@link LeaseKeys})
 * @param ttl     how long a renewal lasts: a contender takes the lease over once the store's clock says the object is
 *                older than this (plus the store's one-second resolution)
 * @param maxWait how long a contender waits for a live holder before giving up
 * @param poll    how often a waiting contender looks again
 */
public record LeaseTerms(String key, Duration ttl, Duration maxWait, Duration poll) {
    public LeaseTerms {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(poll, "poll");
        if (ttl.toMillis() < 10 || maxWait.isNegative() || poll.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "need ttl >= 10 ms, maxWait >= 0, poll >= 1 ms; got " + ttl + ", " + maxWait + ", " + poll);
        }
    }

    /**
     * How much earlier than the TTL a holder treats its lease as lost: a fifth of it. It covers the time the
     * holder's next write request takes, and the drift between its monotonic clock and the store's.
     */
    public Duration margin() {
        return ttl.dividedBy(5);
    }

    /** How long after the start of a successful renewal request the holder counts the lease as its own. */
    Duration validity() {
        return ttl.minus(margin());
    }
}
