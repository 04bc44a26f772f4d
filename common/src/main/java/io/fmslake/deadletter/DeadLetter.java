package io.fmslake.deadletter;

import io.fmslake.row.Decoded;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Kafka record that could not become a row. Never dropped: written under {@code errors/} with its raw bytes.
 *
 * @param partition      Kafka partition
 * @param offset         Kafka offset
 * @param kafkaTimestamp Kafka record timestamp, epoch millis
 * @param key            the record key, or null
 * @param value          the raw value, or null for a tombstone
 * @param reason         short stable code: {@code tombstone}, {@code empty}, {@code too_large},
 *                       {@code invalid_utf8}, {@code not_json}, {@code not_object}, {@code duplicate_key},
 *                       {@code bad_event_time}, {@code event_time_too_old}, {@code event_time_too_far_ahead},
 *                       {@code schema_mismatch}, {@code decode_error} (all in {@link #REASONS})
 * @param detail         a human-readable explanation
 */
public record DeadLetter(
        int partition, long offset, long kafkaTimestamp, byte[] key, byte[] value, String reason, String detail)
        implements Decoded {

    public static final String TOMBSTONE = "tombstone";
    public static final String EMPTY = "empty";
    public static final String TOO_LARGE = "too_large";
    public static final String INVALID_UTF8 = "invalid_utf8";
    public static final String NOT_JSON = "not_json";
    public static final String NOT_OBJECT = "not_object";
    public static final String DUPLICATE_KEY = "duplicate_key";
    public static final String BAD_EVENT_TIME = "bad_event_time";
    /** The event time is before {@code EVENT_TIME_MIN}. */
    public static final String EVENT_TIME_TOO_OLD = "event_time_too_old";
    /** The event time is more than {@code EVENT_TIME_MAX_AHEAD} after the record's Kafka timestamp. */
    public static final String EVENT_TIME_TOO_FAR_AHEAD = "event_time_too_far_ahead";

    public static final String SCHEMA_MISMATCH = "schema_mismatch";
    public static final String DECODE_ERROR = "decode_error";
    /** Every reason, in the order the decoder checks them. */
    public static final List<String> REASONS = List.of(
            TOMBSTONE,
            EMPTY,
            TOO_LARGE,
            INVALID_UTF8,
            NOT_JSON,
            NOT_OBJECT,
            DUPLICATE_KEY,
            BAD_EVENT_TIME,
            EVENT_TIME_TOO_OLD,
            EVENT_TIME_TOO_FAR_AHEAD,
            SCHEMA_MISMATCH,
            DECODE_ERROR);

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** The key as UTF-8 text (malformed sequences replaced), or null. */
    public String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && partition == d.partition
                && offset == d.offset
                && kafkaTimestamp == d.kafkaTimestamp
                && Arrays.equals(key, d.key)
                && Arrays.equals(value, d.value)
                && reason.equals(d.reason)
                && detail.equals(d.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partition, offset, kafkaTimestamp, reason, detail) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "DeadLetter[" + partition + "@" + offset + ", " + reason + ": " + detail + ", "
                + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
