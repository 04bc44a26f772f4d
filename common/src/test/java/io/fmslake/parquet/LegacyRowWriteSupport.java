package io.fmslake.parquet;

import io.fmslake.row.OffsetSet;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.MetaColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * The record-consumer path that wrote lake rows before {@link RowFileWriter} used the column writers; kept in test
 * scope only as the reference of {@link ColumnWriterDifferentialTest}.
 *
 * <p>Writes {@link Row}s straight to Parquet's RecordConsumer (no Avro records): the payload walked against the
 * lake schema, then the metadata columns. Tracks the file summary, returned as footer metadata at the end.
 */
final class LegacyRowWriteSupport extends WriteSupport<Row> {
    private final LakeSchema schema;
    private final String topic;
    private final LegacyStructWriter payload;
    private final int metaBase;
    private final OffsetSet offsets = new OffsetSet();
    private RecordConsumer rc;
    private long ingestTime = -1;
    private long rows;
    private long minEventTime = Long.MAX_VALUE;
    private long maxEventTime = Long.MIN_VALUE;

    LegacyRowWriteSupport(LakeSchema schema, String topic) {
        this.schema = schema;
        this.topic = topic;
        this.payload = new LegacyStructWriter("", schema.payload(), true);
        this.metaBase = payload.fieldCount();
    }

    /** Writes every following row with this ingest time instead of its own (no copy of the row). */
    void stampIngestTime(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative ingest time " + millis);
        }
        this.ingestTime = millis;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema.parquet(), Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema.parquet(), Map.of());
    }

    @Override
    public String getName() {
        return "fms-lake";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.rc = recordConsumer;
    }

    @Override
    public void write(Row row) {
        rc.startMessage();
        payload.writeFields(rc, row.payload());
        int i = metaBase;
        rc.startField(MetaColumns.PARTITION, i);
        rc.addInteger(row.partition());
        rc.endField(MetaColumns.PARTITION, i++);
        rc.startField(MetaColumns.OFFSET, i);
        rc.addLong(row.offset());
        rc.endField(MetaColumns.OFFSET, i++);
        rc.startField(MetaColumns.TIMESTAMP, i);
        rc.addLong(row.kafkaTimestamp());
        rc.endField(MetaColumns.TIMESTAMP, i++);
        if (row.key() != null) {
            rc.startField(MetaColumns.KEY, i);
            rc.addBinary(LegacyValueWriter.utf8(row.key()));
            rc.endField(MetaColumns.KEY, i);
        }
        i++;
        rc.startField(MetaColumns.EVENT_TIME, i);
        rc.addLong(row.eventTime());
        rc.endField(MetaColumns.EVENT_TIME, i++);
        rc.startField(MetaColumns.INGEST_TIME, i);
        rc.addLong(ingestTime < 0 ? row.ingestTime() : ingestTime);
        rc.endField(MetaColumns.INGEST_TIME, i);
        rc.endMessage();
        rows++;
        offsets.add(row.partition(), row.offset());
        minEventTime = Math.min(minEventTime, row.eventTime());
        maxEventTime = Math.max(maxEventTime, row.eventTime());
    }

    FileSummary summary() {
        OffsetSet copy = new OffsetSet();
        copy.addAll(offsets);
        return new FileSummary(rows, copy, minEventTime, maxEventTime, topic);
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
        Map<String, String> footer = new LinkedHashMap<>(summary().toFooter());
        footer.put(FileSummary.CONTENT, FileSummary.CONTENT_ROWS);
        footer.put(FileSummary.SCHEMA, schema.toJson());
        return new FinalizedWriteContext(footer);
    }
}
