package io.fmslake.row;

import io.fmslake.deadletter.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which event times a row may have. A record outside becomes a dead letter ({@code event_time_too_old} or
 * {@code event_time_too_far_ahead}) instead of a row that would sit in a minute that never closes (year 9999) or
 * far in the past (a device clock at 1970).
 *
 * <p>The decision must not depend on when or where a record is decoded: the collector replays records after a
 * crash and the backfill reads the same topic, and a record that were a dead letter on one read and a row on the
 * next would end up twice (once under {@code errors/}, once in the row tiers). So "ahead" is measured against the
 * record's own Kafka timestamp (the producer's clock at send time, or the broker's with LogAppendTime), never
 * against the reader's clock, and the floor is a fixed instant. Both are pure functions of the record.
 *
 * <p>With the Kafka timestamp as the event time ({@code EVENT_TIME_FIELD} empty) "ahead" is always zero; the
 * bound for such timestamps is the broker's {@code message.timestamp.after.max.ms} (see docs/contract.md, "Event times far from now").
 *
 * @param notBefore the earliest accepted event time
 * @param maxAhead  how far an event time may lie after the record's Kafka timestamp
 */
public record EventTimeBounds(Instant notBefore, Duration maxAhead) {
    /** The defaults: not before 2000-01-01T00:00:00Z, at most one day ahead of the Kafka timestamp. */
    public static final EventTimeBounds DEFAULT =
            new EventTimeBounds(Instant.parse("2000-01-01T00:00:00Z"), Duration.ofDays(1));
    /** No bound beyond the range every event time must have anyway (0001-01-02..9999-12-30). */
    public static final EventTimeBounds NONE = new EventTimeBounds(
            Instant.ofEpochMilli(EventTimes.MIN), Duration.ofMillis(EventTimes.MAX - EventTimes.MIN));

    public EventTimeBounds {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(maxAhead, "maxAhead");
        if (maxAhead.isNegative() || maxAhead.toMillis() > EventTimes.MAX - EventTimes.MIN) {
            throw new IllegalArgumentException("maxAhead must be between 0 and 10,000 years: " + maxAhead);
        }
    }

    /** Why an event time is out of bounds: a dead letter's reason and detail. */
    record Violation(String reason, String detail) {}

    /**
     * The violation when {@code eventTime} is out of bounds, or empty. A record without a Kafka timestamp
     * (negative; Kafka 4's record format always has one) has no "ahead" to measure.
     */
    Optional<Violation> check(long eventTime, long kafkaTimestamp) {
        if (eventTime < notBefore.toEpochMilli()) {
            return Optional.of(new Violation(
                    DeadLetter.EVENT_TIME_TOO_OLD,
                    "event time " + Instant.ofEpochMilli(eventTime) + " is before EVENT_TIME_MIN=" + notBefore));
        }
        // eventTime - maxAhead cannot overflow (both within +-3.2e14); kafkaTimestamp + maxAhead could
        if (kafkaTimestamp >= 0 && eventTime - maxAhead.toMillis() > kafkaTimestamp) {
            return Optional.of(new Violation(
                    DeadLetter.EVENT_TIME_TOO_FAR_AHEAD,
                    "event time "
                            + Instant.ofEpochMilli(eventTime) + " is more than EVENT_TIME_MAX_AHEAD=" + maxAhead
                            + " after the record's Kafka timestamp " + Instant.ofEpochMilli(kafkaTimestamp)));
        }
        return Optional.empty();
    }
}
