package io.fmslake.commit;

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
import org.apache.parquet.io.OutputFile;

/**
 * The one place where a batch of rows becomes a lake Parquet file: the schema is the strict schema when one is
 * configured, else inferred from exactly the rows of the file; rows are written in lake order with their ingest
 * time. Shared by the realtime collector and the backfill loader.
 */
public final class ParquetEncoder implements LakeFileEncoder {
    private static final long KEEP = -1;

    private final ParquetOptions options;
    private final String topic;
    private final Optional<LakeSchema> strictSchema;

    public ParquetEncoder(ParquetOptions options, String topic, Optional<LakeSchema> strictSchema) {
        this.options = Objects.requireNonNull(options, "options");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.strictSchema = Objects.requireNonNull(strictSchema, "strictSchema");
    }

    /** The schema a file of these rows gets. */
    public LakeSchema schemaFor(List<Row> rows) {
        return strictSchema.orElseGet(() -> SchemaInference.of(rows));
    }

    @Override
    public EncodedFile encodeRows(List<Row> sortedRows, long ingestTime) {
        return encodeRows(sortedRows, ingestTime, Optional.empty());
    }

    @Override
    public EncodedFile encodeRows(List<Row> sortedRows, long ingestTime, Optional<LakeSchema> schemaOfRows) {
        if (ingestTime < 0) {
            throw new IllegalArgumentException("negative ingest time " + ingestTime);
        }
        MemoryOutputFile out = new MemoryOutputFile();
        FileSummary summary = write(sortedRows, ingestTime, schemaOfRows, out);
        return new EncodedFile(out.toByteArray(), summary);
    }

    /** Encodes rows keeping each row's own ingest time (re-encoding rows that are already durable). */
    public EncodedFile encodeRowsAsIs(List<Row> sortedRows) {
        MemoryOutputFile out = new MemoryOutputFile();
        FileSummary summary = write(sortedRows, KEEP, Optional.empty(), out);
        return new EncodedFile(out.toByteArray(), summary);
    }

    /**
     * Writes the rows to any Parquet output (a local file for large batches), each stamped with
     * {@code ingestTime}, and returns the footer summary.
     */
    public FileSummary writeRows(List<Row> sortedRows, long ingestTime, OutputFile out) {
        if (ingestTime < 0) {
            throw new IllegalArgumentException("negative ingest time " + ingestTime);
        }
        return write(sortedRows, ingestTime, Optional.empty(), out);
    }

    private FileSummary write(List<Row> sortedRows, long ingestTime, Optional<LakeSchema> schemaOfRows,
                              OutputFile out) {
        LakeSchema schema = strictSchema.or(() -> schemaOfRows).orElseGet(() -> SchemaInference.of(sortedRows));
        try (RowFileWriter writer = RowFileWriter.open(out, schema, options, topic)) {
            if (ingestTime != KEEP) {
                writer.stampingIngestTime(ingestTime);
            }
            for (Row row : sortedRows) {
                writer.write(row);
            }
            return writer.finish();
        }
    }

    @Override
    public EncodedFile encodeDeadLetters(List<DeadLetter> sortedLetters) {
        MemoryOutputFile out = new MemoryOutputFile();
        FileSummary summary = DeadLetterFile.write(sortedLetters, out, options, topic);
        return new EncodedFile(out.toByteArray(), summary);
    }
}
