package io.fmslake.backfill.spill;

import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.SchemaInference;
import java.util.ArrayList;
import java.util.List;

/**
 * Records routed to one window by one producer, with their heap size and the schema their decoded rows need. Not
 * thread-safe: one per producer and window.
 */
public final class RoutedRows {
    final List<RawRecord> rows = new ArrayList<>();
    private final SchemaInference schema = new SchemaInference();
    long bytes;

    /** Adds a row decoded from Kafka (with its packed payload) and its record's key; only the packed form is kept. */
    public void add(Row row, byte[] key) {
        byte[] packed = row.packedPayload()
                .orElseThrow(() -> new IllegalArgumentException(
                        row + " has no packed " + "payload: rows to spill come from the record decoder"));
        RawRecord r = new RawRecord(row.partition(), row.offset(), row.kafkaTimestamp(), row.eventTime(), key, packed);
        schema.observe(row);
        rows.add(r);
        bytes += r.heapBytes();
    }

    public int size() {
        return rows.size();
    }

    public long bytes() {
        return bytes;
    }

    /** The inferred schema of the rows added. */
    public LakeSchema schema() {
        return schema.result();
    }
}
