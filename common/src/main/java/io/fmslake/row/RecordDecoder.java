package io.fmslake.row;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.schema.LakeSchema;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Turns one Kafka record into a {@link Row} or a {@link DeadLetter}; never throws. Checks in this order:
 * {@code tombstone} (null value), {@code empty}, {@code too_large} (over maxRecordBytes),
 * {@code invalid_utf8}, {@code not_json} (malformed, truncated, trailing content, nesting deeper than 200),
 * {@code not_object} (an array or a scalar), {@code duplicate_key}, {@code bad_event_time},
 * {@code event_time_too_old} / {@code event_time_too_far_ahead} ({@link EventTimeBounds}: a function of the record
 * alone, so a replay decides the same), then in strict mode {@code schema_mismatch}; anything unforeseen becomes
 * {@code decode_error}. See {@link EventTimes} for event
 * time forms and {@link JsonReader} for number handling. The key is read as UTF-8 (malformed sequences
 * replaced). A row carries its payload packed (see {@link Row#compact()}): parsed straight into that form
 * ({@link JsonPacker}, no object tree) unless a strict schema needs the tree to check it. Thread-safe.
 */
public final class RecordDecoder {
    private final String eventTimeField;
    private final long maxRecordBytes;
    private final LakeSchema strictSchema;
    private final EventTimes eventTimes;
    private final EventTimeBounds bounds;
    private final JsonReader reader;
    private final JsonPacker packer;

    /**
     * @param eventTimeField payload field holding the event time (a top-level name, or a dotted path such as
     *                       {@code meta.ts} when no top-level field has the whole name); empty or blank = use the
     *                       Kafka timestamp
     * @param zone           zone in which a local date-time event time is read
     * @param maxRecordBytes larger values become {@code too_large} dead letters
     * @param strictSchema   when present, payloads that do not conform ({@link LakeSchema#mismatch}) become
     *                       {@code schema_mismatch}
     * @param bounds         accepted event times; outside, {@code event_time_too_old} or
     *                       {@code event_time_too_far_ahead}
     */
    public RecordDecoder(
            Optional<String> eventTimeField,
            ZoneId zone,
            long maxRecordBytes,
            Optional<LakeSchema> strictSchema,
            EventTimeBounds bounds) {
        this.eventTimeField = eventTimeField.filter(f -> !f.isBlank()).orElse(null);
        this.maxRecordBytes = maxRecordBytes;
        this.strictSchema = strictSchema.orElse(null);
        this.eventTimes = new EventTimes(zone);
        this.bounds = bounds;
        this.reader = new JsonReader(maxRecordBytes);
        this.packer = new JsonPacker(maxRecordBytes, PackedJson.standard(), this.eventTimeField);
    }

    /** A decoder without event-time bounds beyond the representable range ({@link EventTimeBounds#NONE}). */
    public RecordDecoder(
            Optional<String> eventTimeField, ZoneId zone, long maxRecordBytes, Optional<LakeSchema> strictSchema) {
        this(eventTimeField, zone, maxRecordBytes, strictSchema, EventTimeBounds.NONE);
    }

    /** Decodes one record. Never throws; the Row's ingest time is 0. */
    public Decoded decode(int partition, long offset, long kafkaTimestamp, byte[] key, byte[] value) {
        try {
            String reason = null;
            String detail = null;
            if (value == null) {
                reason = DeadLetter.TOMBSTONE;
                detail = "null value (tombstone)";
            } else if (value.length == 0) {
                reason = DeadLetter.EMPTY;
                detail = "empty value";
            } else if (value.length > maxRecordBytes) {
                reason = DeadLetter.TOO_LARGE;
                detail = "value of " + value.length + " bytes exceeds MAX_RECORD_BYTES=" + maxRecordBytes;
            } else {
                int bad = Utf8.firstInvalid(value);
                if (bad >= 0) {
                    reason = DeadLetter.INVALID_UTF8;
                    detail = "invalid UTF-8 at byte " + bad;
                }
            }
            if (reason != null) {
                return new DeadLetter(partition, offset, kafkaTimestamp, key, value, reason, detail);
            }
            return row(partition, offset, kafkaTimestamp, key, value);
        } catch (RuntimeException | StackOverflowError e) {
            return new DeadLetter(
                    partition, offset, kafkaTimestamp, key, value, DeadLetter.DECODE_ERROR, String.valueOf(e));
        }
    }

    private Decoded row(int partition, long offset, long kafkaTimestamp, byte[] key, byte[] value) {
        if (strictSchema != null) {
            return checkedRow(partition, offset, kafkaTimestamp, key, value);
        }
        JsonPacker.Packed packed;
        try {
            packed = packer.pack(value);
        } catch (JsonReader.Failure f) {
            return new DeadLetter(partition, offset, kafkaTimestamp, key, value, f.reason(), f.getMessage());
        }
        long eventTime;
        try {
            eventTime = eventTime(kafkaTimestamp, packed.eventValue());
        } catch (EventTimes.Unusable u) {
            return badEventTime(partition, offset, kafkaTimestamp, key, value, u);
        }
        DeadLetter outside = outOfBounds(partition, offset, kafkaTimestamp, key, value, eventTime);
        if (outside != null) {
            return outside;
        }
        return Row.ofPacked(packed.payload(), partition, offset, kafkaTimestamp, eventTime, keyText(key), 0);
    }

    /** Strict mode: the payload as a tree, checked against the schema, then packed. */
    private Decoded checkedRow(int partition, long offset, long kafkaTimestamp, byte[] key, byte[] value) {
        JsonObject payload;
        try {
            payload = reader.parse(value);
        } catch (JsonReader.Failure f) {
            return new DeadLetter(partition, offset, kafkaTimestamp, key, value, f.reason(), f.getMessage());
        }
        long eventTime;
        try {
            eventTime = eventTime(kafkaTimestamp, eventTimeField == null ? null : fieldValue(payload, eventTimeField));
        } catch (EventTimes.Unusable u) {
            return badEventTime(partition, offset, kafkaTimestamp, key, value, u);
        }
        DeadLetter outside = outOfBounds(partition, offset, kafkaTimestamp, key, value, eventTime);
        if (outside != null) {
            return outside;
        }
        Optional<String> mismatch = strictSchema.mismatch(payload);
        if (mismatch.isPresent()) {
            return new DeadLetter(
                    partition, offset, kafkaTimestamp, key, value, DeadLetter.SCHEMA_MISMATCH, mismatch.get());
        }
        return new Row(
                payload,
                PackedJson.standard().pack(payload),
                partition,
                offset,
                kafkaTimestamp,
                eventTime,
                keyText(key),
                0);
    }

    private long eventTime(long kafkaTimestamp, Object fieldValue) throws EventTimes.Unusable {
        return eventTimeField == null ? EventTimes.kafka(kafkaTimestamp) : eventTimes.parse(fieldValue);
    }

    private DeadLetter badEventTime(
            int partition, long offset, long kafkaTimestamp, byte[] key, byte[] value, EventTimes.Unusable u) {
        String what = eventTimeField == null ? u.getMessage() : "field '" + eventTimeField + "' " + u.getMessage();
        return new DeadLetter(partition, offset, kafkaTimestamp, key, value, DeadLetter.BAD_EVENT_TIME, what);
    }

    /** The dead letter of an event time outside the bounds, or null (a function of the record alone). */
    private DeadLetter outOfBounds(
            int partition, long offset, long kafkaTimestamp, byte[] key, byte[] value, long eventTime) {
        return bounds.check(eventTime, kafkaTimestamp)
                .map(v -> new DeadLetter(partition, offset, kafkaTimestamp, key, value, v.reason(), v.detail()))
                .orElse(null);
    }

    private static String keyText(byte[] key) {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** The top-level field of that exact name, else (for a dotted name) the nested field {@code a.b.c}. */
    static Object fieldValue(JsonObject payload, String field) {
        Object v = payload.get(field);
        if (v != null || field.indexOf('.') < 0) {
            return v;
        }
        Object current = payload;
        for (String part : field.split("\\.", -1)) {
            if (!(current instanceof JsonObject o)) {
                return null;
            }
            current = o.get(part);
        }
        return current;
    }
}
