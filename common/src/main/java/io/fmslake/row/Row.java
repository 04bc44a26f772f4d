package io.fmslake.row;

import java.util.Objects;
import java.util.Optional;

/**
 * One Kafka record as a lake row: its JSON payload plus its coordinates and times.
 * Identity is (partition, offset) within the lake's one topic. Rows sort by event time, then partition, then
 * offset; every lake file is written in this order, so merges stream and duplicates meet as neighbours.
 * <p>A row decoded from Kafka also keeps its payload {@linkplain PackedJson packed}; {@link #compact()} drops the
 * payload's object tree and keeps only the packed bytes, so a buffered row costs less than its JSON text instead of a
 * tree of small objects that every garbage collection would have to trace. A compact row unpacks its payload on each
 * {@link #payload()} call (several times cheaper than parsing the JSON again); the Parquet writer reads the packed
 * bytes themselves and never unpacks.
 */
public final class Row implements Comparable<Row>, Decoded {
    private final JsonObject payload;
    private final byte[] packed;
    private final int partition;
    private final long offset;
    private final long kafkaTimestamp;
    private final long eventTime;
    private final String key;
    private final long ingestTime;

    /**
     * @param kafkaTimestamp the record timestamp, epoch millis
     * @param eventTime      the event time, epoch millis (the Kafka timestamp when no field is configured)
     * @param key            the record key as UTF-8 text, or null
     * @param ingestTime     when the row was first made durable, epoch millis (0 while not yet durable)
     */
    public Row(
            JsonObject payload,
            int partition,
            long offset,
            long kafkaTimestamp,
            long eventTime,
            String key,
            long ingestTime) {
        this(
                Objects.requireNonNull(payload, "payload"),
                null,
                partition,
                offset,
                kafkaTimestamp,
                eventTime,
                key,
                ingestTime);
    }

    /** A row with its payload, its packed payload, or both (at least one of them). */
    Row(
            JsonObject payload,
            byte[] packed,
            int partition,
            long offset,
            long kafkaTimestamp,
            long eventTime,
            String key,
            long ingestTime) {
        if (payload == null && packed == null) {
            throw new IllegalArgumentException("a row needs its payload or its packed payload");
        }
        this.payload = payload;
        this.packed = packed;
        this.partition = partition;
        this.offset = offset;
        this.kafkaTimestamp = kafkaTimestamp;
        this.eventTime = eventTime;
        this.key = key;
        this.ingestTime = ingestTime;
    }

    /**
     * A compact row from a payload packed by {@link PackedJson#standard()} in this process (see
     * {@link #packedPayload()}).
     */
    public static Row ofPacked(
            byte[] packed,
            int partition,
            long offset,
            long kafkaTimestamp,
            long eventTime,
            String key,
            long ingestTime) {
        return new Row(
                null,
                Objects.requireNonNull(packed, "packed"),
                partition,
                offset,
                kafkaTimestamp,
                eventTime,
                key,
                ingestTime);
    }

    /** The payload; a compact row unpacks it on every call. */
    public JsonObject payload() {
        return payload != null ? payload : PackedJson.standard().unpack(packed);
    }

    /**
     * The payload packed by {@link PackedJson#standard()}, when this row has it (rows decoded from Kafka do). The
     * array itself, not a copy: do not modify it.
     */
    public Optional<byte[]> packedPayload() {
        return Optional.ofNullable(packed);
    }

    /** The same row holding only its packed payload when it has one (else this row). */
    public Row compact() {
        return payload == null || packed == null
                ? this
                : new Row(null, packed, partition, offset, kafkaTimestamp, eventTime, key, ingestTime);
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public long kafkaTimestamp() {
        return kafkaTimestamp;
    }

    public long eventTime() {
        return eventTime;
    }

    public String key() {
        return key;
    }

    public long ingestTime() {
        return ingestTime;
    }

    /** The same row stamped with the time it became durable. */
    public Row withIngestTime(long millis) {
        return new Row(payload, packed, partition, offset, kafkaTimestamp, eventTime, key, millis);
    }

    /** True when both rows are the same Kafka record. */
    public boolean sameRecord(Row other) {
        return partition == other.partition && offset == other.offset;
    }

    @Override
    public int compareTo(Row o) {
        int c = Long.compare(eventTime, o.eventTime);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(partition, o.partition);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }

    @Override
    public String toString() {
        return "Row[" + partition + "@" + offset + ", event=" + eventTime + "]";
    }
}
