package io.fmslake.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes dead letters in the columns of {@link DeadLetterColumns}; the footer entries are asked for at the end. */
final class DeadLetterWriteSupport extends WriteSupport<DeadLetter> {
    private final Supplier<Map<String, String>> footer;
    private RecordConsumer rc;

    DeadLetterWriteSupport(Supplier<Map<String, String>> footer) {
        this.footer = footer;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(DeadLetterColumns.SCHEMA, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(DeadLetterColumns.SCHEMA, Map.of());
    }

    @Override
    public String getName() {
        return "fms-lake-dead-letters";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.rc = recordConsumer;
    }

    @Override
    public void write(DeadLetter d) {
        rc.startMessage();
        String text = DeadLetterColumns.textOrNull(d.value());
        binary(0, DeadLetterColumns.RAW_TEXT, text == null ? null : Binary.fromString(text));
        binary(1, DeadLetterColumns.RAW_BYTES, d.value() == null ? null : Binary.fromConstantByteArray(d.value()));
        binary(2, DeadLetterColumns.REASON, Binary.fromString(d.reason()));
        binary(3, DeadLetterColumns.DETAIL, Binary.fromString(d.detail()));
        rc.startField(DeadLetterColumns.PARTITION, 4);
        rc.addInteger(d.partition());
        rc.endField(DeadLetterColumns.PARTITION, 4);
        rc.startField(DeadLetterColumns.OFFSET, 5);
        rc.addLong(d.offset());
        rc.endField(DeadLetterColumns.OFFSET, 5);
        rc.startField(DeadLetterColumns.TIMESTAMP, 6);
        rc.addLong(d.kafkaTimestamp());
        rc.endField(DeadLetterColumns.TIMESTAMP, 6);
        byte[] key = d.key();
        binary(
                7,
                DeadLetterColumns.KEY,
                key == null ? null : Binary.fromString(new String(key, StandardCharsets.UTF_8)));
        binary(8, DeadLetterColumns.RAW_KEY, key == null ? null : Binary.fromConstantByteArray(key));
        rc.endMessage();
    }

    private void binary(int index, String name, Binary value) {
        if (value != null) {
            rc.startField(name, index);
            rc.addBinary(value);
            rc.endField(name, index);
        }
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
        return new FinalizedWriteContext(footer.get());
    }
}
