package io.fmslake.backfill.spill;

import io.fmslake.row.Row;
import java.nio.charset.StandardCharsets;

/**
 * A record that decoded into a row, held as its key bytes and its row's {@linkplain Row#packedPayload() packed
 * payload} plus its coordinates and event time: denser in the heap than the decoded row (a JSON tree of some twenty
 * objects), a handful of objects for the garbage collector instead of dozens, and cheaper to turn back into the row
 * than parsing the JSON again when its target file is written. Packed payloads name fields by numbers that are
 * valid only in this process: runs are spilled and read back by one backfill run (the spill directory is emptied at
 * start). Sorts in lake order: event time, partition, offset.
 *
 * @param key     the record key, or null
 * @param payload the row's payload packed by {@link io.fmslake.row.PackedJson#standard()}
 */
public record RawRecord(int partition, long offset, long kafkaTimestamp, long eventTime, byte[] key, byte[] payload)
        implements Comparable<RawRecord> {
    /** Object header and fields, the list slot, and the two arrays' headers. */
    private static final long FIXED = 56 + 6;

    private static final long ARRAY = 16;

    /** The heap this record occupies (64-bit JVM, compressed oops). */
    public long heapBytes() {
        return FIXED + align(ARRAY + payload.length) + (key == null ? 0 : align(ARRAY + key.length));
    }

    /** The record's row (compact: it unpacks its payload when written). */
    public Row toRow() {
        return Row.ofPacked(
                payload,
                partition,
                offset,
                kafkaTimestamp,
                eventTime,
                key == null ? null : new String(key, StandardCharsets.UTF_8),
                0);
    }

    public boolean sameRecord(RawRecord other) {
        return partition == other.partition && offset == other.offset;
    }

    @Override
    public int compareTo(RawRecord o) {
        int c = Long.compare(eventTime, o.eventTime);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(partition, o.partition);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }
}
