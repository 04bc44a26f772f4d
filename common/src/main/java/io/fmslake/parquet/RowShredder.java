package io.fmslake.parquet;

import io.fmslake.row.PackedJson;
import io.fmslake.row.PackedReader;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Splits rows into the columns of a lake schema: the schema decides the column layout once, then each row's packed
 * payload is walked once and every value goes to its column writer with its levels (no records, no record consumer),
 * followed by the six metadata columns. A row without a packed payload is packed first. Not thread-safe.
 */
final class RowShredder {
    private final StructNode payload;
    private final List<LeafNode> leaves = new ArrayList<>();
    private final PackedReader reader = PackedJson.standard().reader();
    private ColumnWriter partition;
    private ColumnWriter offset;
    private ColumnWriter timestamp;
    private ColumnWriter key;
    private ColumnWriter eventTime;
    private ColumnWriter ingestTime;

    /** @throws IllegalStateException when the schema's Parquet columns are not the ones the nodes expect */
    RowShredder(LakeSchema schema) {
        payload = new StructNode("", schema.payload(), List.of(), 0, 0);
        payload.collectLeaves(leaves);
        List<ColumnDescriptor> columns = schema.parquet().getColumns();
        if (columns.size() != leaves.size() + 6) {
            throw new IllegalStateException(
                    "schema has " + columns.size() + " columns, expected " + (leaves.size() + 6));
        }
        for (int i = 0; i < leaves.size(); i++) {
            if (!Arrays.equals(leaves.get(i).column, columns.get(i).getPath())) {
                throw new IllegalStateException(
                        "column " + i + " is " + Arrays.toString(columns.get(i).getPath()) + ", expected "
                                + Arrays.toString(leaves.get(i).column));
            }
        }
    }

    /** Takes the column writers of a new row group ({@code schema} is the one the store was made for). */
    void bind(ColumnWriteStore store, MessageType schema) {
        List<ColumnDescriptor> columns = schema.getColumns();
        int n = leaves.size();
        for (int i = 0; i < n; i++) {
            leaves.get(i).writer = store.getColumnWriter(columns.get(i));
        }
        partition = store.getColumnWriter(columns.get(n));
        offset = store.getColumnWriter(columns.get(n + 1));
        timestamp = store.getColumnWriter(columns.get(n + 2));
        key = store.getColumnWriter(columns.get(n + 3));
        eventTime = store.getColumnWriter(columns.get(n + 4));
        ingestTime = store.getColumnWriter(columns.get(n + 5));
    }

    /**
     * Writes one row's values (the caller ends the record).
     *
     * @throws IllegalArgumentException when the payload does not fit the schema (the row group is then unusable)
     */
    void write(Row row, long ingest) {
        byte[] packed = row.packedPayload().orElse(null);
        reader.reset(packed != null ? packed : PackedJson.standard().pack(row.payload()));
        payload.writeFields(reader, 0);
        if (!reader.atEnd()) {
            throw new IllegalArgumentException("packed payload of " + row + " has trailing bytes");
        }
        partition.write(row.partition(), 0, 0);
        offset.write(row.offset(), 0, 0);
        timestamp.write(row.kafkaTimestamp(), 0, 0);
        if (row.key() == null) {
            key.writeNull(0, 0);
        } else {
            key.write(Binary.fromConstantByteArray(row.key().getBytes(StandardCharsets.UTF_8)), 0, 1);
        }
        eventTime.write(row.eventTime(), 0, 0);
        ingestTime.write(ingest, 0, 0);
    }
}
