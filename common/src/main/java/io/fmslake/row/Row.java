package io.fmslake.row;

import java.util.Objects;

/**
 * One Kafka record as a lake row: its JSON payload plus its coordinates and times.
 * Identity is (partition, offset) within the lake's one topic. Rows sort by event time, then partition, then
 * offset; every lake file is written in this order, so merges stream and duplicates meet as neighbours.
 * <p>A row decoded from Kafka also keeps its JSON text; {@link #compact()} drops the parsed payload and keeps only
 * that text, so a buffered row costs about its JSON size instead of a tree of small objects that every garbage
 * collection would have to trace. A compact row parses its text again on each {@link #payload()} call.
 */
public final class Row implements Comparable<Row>, Decoded {
    private static final JsonReader TEXT = new JsonReader(Integer.MAX_VALUE);

    private final JsonObject payload;
    private final byte[] json;
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
    public Row(JsonObject payload, int partition, long offset, long kafkaTimestamp, long eventTime, String key,
               long ingestTime) {
        this(Objects.requireNonNull(payload, "payload"), null, partition, offset, kafkaTimestamp, eventTime, key,
                ingestTime);
    }

    /** A row with its payload, its payload's JSON text, or both (at least one of them). */
    Row(JsonObject payload, byte[] json, int partition, long offset, long kafkaTimestamp, long eventTime, String key,
        long ingestTime) {
        if (payload == null && json == null) {
            throw new IllegalArgumentException("a row needs its payload or its JSON text");
        }
        this.payload = payload;
        this.json = json;
        this.partition = partition;
        this.offset = offset;
        this.kafkaTimestamp = kafkaTimestamp;
        this.eventTime = eventTime;
        this.key = key;
        this.ingestTime = ingestTime;
    }

    /** The payload; a compact row parses it from its JSON text on every call. */
    public JsonObject payload() {
        if (payload != null) {
            return payload;
        }
        try {
            return TEXT.parse(json);
        } catch (JsonReader.Failure f) {
            throw new IllegalStateException("JSON text of " + this + " no longer parses: " + f.getMessage(), f);
        }
    }

    /** The same row holding only its JSON text when it has one (else this row). */
    public Row compact() {
        return payload == null || json == null ? this
                : new Row(null, json, partition, offset, kafkaTimestamp, eventTime, key, ingestTime);
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
        return new Row(payload, json, partition, offset, kafkaTimestamp, eventTime, key, millis);
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
