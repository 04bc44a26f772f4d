package io.fmslake.publish;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import java.util.List;
import java.util.Optional;

/**
 * Turns a batch of rows or dead letters into one finished lake file. Implementations are thread-safe: each call
 * builds its own writer. {@link ParquetEncoder} is the real one; tests may substitute another.
 */
public interface LakeFileEncoder {

    /**
     * Encodes rows that are in lake order without repeated coordinates. Each row is stamped with {@code ingestTime}.
     */
    EncodedFile encodeRows(List<Row> sortedRows, long ingestTime);

    /**
     * As {@link #encodeRows(List, long)}, given the schema inferred from exactly these rows, when known; an
     * encoder may use it instead of inferring the schema again.
     */
    default EncodedFile encodeRows(List<Row> sortedRows, long ingestTime, Optional<LakeSchema> schemaOfRows) {
        return encodeRows(sortedRows, ingestTime);
    }

    /** Encodes dead letters sorted by (Kafka timestamp, partition, offset). */
    EncodedFile encodeDeadLetters(List<DeadLetter> sortedLetters);
}
