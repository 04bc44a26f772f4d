package io.fmslake.schema;

import io.fmslake.row.JsonObject;
import io.fmslake.row.Row;

/** Infers a {@link LakeSchema} from payloads. Mutable, not thread-safe: one per batch. */
public final class SchemaInference {

    /** Widens the schema so that it holds this payload. */
    public void observe(JsonObject payload) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The schema of everything observed so far. */
    public LakeSchema result() {
        throw new UnsupportedOperationException("not yet");
    }

    public static LakeSchema of(Iterable<Row> rows) {
        SchemaInference inference = new SchemaInference();
        for (Row row : rows) {
            inference.observe(row.payload());
        }
        return inference.result();
    }
}
