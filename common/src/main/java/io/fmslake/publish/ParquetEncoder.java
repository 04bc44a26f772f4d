package io.fmslake.publish;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.deadletter.DeadLetterFile;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.MemoryOutputFile;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.parquet.RowFileWriter;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.SchemaInference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one place where a batch of rows becomes a lake Parquet file: the schema is the strict schema when one is
 * configured, else inferred from exactly the rows of the file (given by the caller when it inferred it already);
 * rows are written in lake order with their ingest time. Shared by the realtime collector and the backfill loader.
 */
public final class ParquetEncoder implements LakeFileEncoder {
    private final ParquetOptions options;
    private final String topic;
    private final Optional<LakeSchema> strictSchema;

    public ParquetEncoder(ParquetOptions options, String topic, Optional<LakeSchema> strictSchema) {
        this.options = Objects.requireNonNull(options, "options");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.strictSchema = Objects.requireNonNull(strictSchema, "strictSchema");
    }

    @Override
    public EncodedFile encodeRows(List<Row> sortedRows, long ingestTime) {
        return encodeRows(sortedRows, ingestTime, Optional.empty());
    }

    /** @throws IllegalArgumentException for a negative ingest time */
    @Override
    public EncodedFile encodeRows(List<Row> sortedRows, long ingestTime, Optional<LakeSchema> schemaOfRows) {
        return encode(sortedRows, OptionalLong.of(ingestTime), schemaOfRows);
    }

    /** Encodes rows keeping each row's own ingest time (re-encoding rows that are already durable). */
    public EncodedFile encodeRowsAsIs(List<Row> sortedRows) {
        return encode(sortedRows, OptionalLong.empty(), Optional.empty());
    }

    private EncodedFile encode(List<Row> sortedRows, OptionalLong ingestTime, Optional<LakeSchema> schemaOfRows) {
        LakeSchema schema = strictSchema.or(() -> schemaOfRows).orElseGet(() -> SchemaInference.of(sortedRows));
        MemoryOutputFile out = new MemoryOutputFile();
        try (RowFileWriter writer = RowFileWriter.open(out, schema, options, topic)) {
            ingestTime.ifPresent(writer::stampingIngestTime);
            for (Row row : sortedRows) {
                writer.write(row);
            }
            FileSummary summary = writer.finish();
            return new EncodedFile(out.toByteArray(), summary);
        }
    }

    @Override
    public EncodedFile encodeDeadLetters(List<DeadLetter> sortedLetters) {
        MemoryOutputFile out = new MemoryOutputFile();
        FileSummary summary = DeadLetterFile.write(sortedLetters, out, options, topic);
        return new EncodedFile(out.toByteArray(), summary);
    }
}
