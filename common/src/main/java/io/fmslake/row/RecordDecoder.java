package io.fmslake.row;

import io.fmslake.schema.LakeSchema;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Turns one Kafka record into a {@link Row} or a {@link io.fmslake.deadletter.DeadLetter}. Never throws.
 * Thread-safe: holds no per-call state.
 */
public final class RecordDecoder {
    private final Optional<String> eventTimeField;
    private final ZoneId zone;
    private final long maxRecordBytes;
    private final Optional<LakeSchema> strictSchema;

    /**
     * @param eventTimeField top-level payload field holding the event time; empty = use the Kafka timestamp
     * @param zone           zone in which a local date-time event time is read
     * @param maxRecordBytes larger values become {@code too_large} dead letters
     * @param strictSchema   when present, payloads that do not conform become {@code schema_mismatch}
     */
    public RecordDecoder(Optional<String> eventTimeField, ZoneId zone, long maxRecordBytes,
                         Optional<LakeSchema> strictSchema) {
        this.eventTimeField = eventTimeField;
        this.zone = zone;
        this.maxRecordBytes = maxRecordBytes;
        this.strictSchema = strictSchema;
    }

    /** Decodes one record. Never throws; the Row's ingest time is 0. */
    public Decoded decode(int partition, long offset, long kafkaTimestamp, byte[] key, byte[] value) {
        throw new UnsupportedOperationException("not yet");
    }
}
