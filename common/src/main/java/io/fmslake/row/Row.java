package io.fmslake.row;

import java.util.Objects;

/**
 * One Kafka record as a lake row: its JSON payload plus its coordinates and times.
 * Identity is (partition, offset) within the lake's one topic. Rows sort by event time, then partition, then
 * offset; every lake file is written in this order, so merges stream and duplicates meet as neighbours.
 */
public final class Row implements Comparable<Row>, Decoded {
    private final JsonObject payload;
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
        this.payload = Objects.requireNonNull(payload, "payload");
        this.partition = partition;
        this.offset = offset;
        this.kafkaTimestamp = kafkaTimestamp;
        this.eventTime = eventTime;
        this.key = key;
        this.ingestTime = ingestTime;
    }

    public JsonObject payload() {
        return payload;
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
        return new Row(payload, partition, offset, kafkaTimestamp, eventTime, key, millis);
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
