package io.fmslake.schema;

import io.fmslake.row.JsonObject;
import io.fmslake.row.PackedJson;
import io.fmslake.row.PackedReader;
import io.fmslake.row.Row;
import java.util.HashMap;
import java.util.List;

/**
 * Infers a {@link LakeSchema} from payloads, by the union rule of {@link TypeUnion}: a long within +-2^53 is
 * LONG, beyond it LONG_WIDE; a field seen only as null stays NULL (stored as an optional string column, and
 * named {@code null} in the footer schema so a later union takes the real type); an empty array has a NULL
 * element type. Mutable, not thread-safe: one per batch.
 */
public final class SchemaInference {
    static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    private final TypeNode root = new TypeNode();
    private final PackedReader reader = PackedJson.standard().reader();
    private LakeSchema start = LakeSchema.empty();

    public SchemaInference() {
        root.kind = Kind.RECORD;
        root.fields = new HashMap<>();
    }

    /** An inference whose result is at least {@code start} (e.g. the schema of files already written). */
    public SchemaInference(LakeSchema start) {
        this();
        this.start = start;
    }

    /** Widens the schema so that it holds this payload. */
    public void observe(JsonObject payload) {
        root.observeFields(payload);
    }

    /** Widens the schema so that it holds this row's payload, read packed when the row has it (no unpacking). */
    public void observe(Row row) {
        byte[] packed = row.packedPayload().orElse(null);
        if (packed == null) {
            observe(row.payload());
        } else {
            reader.reset(packed);
            root.observeFields(reader);
        }
    }

    /** The schema of everything observed so far (unioned with the start schema). */
    public LakeSchema result() {
        LakeSchema seen = LakeSchema.of((LakeType.Struct) root.type());
        return start.union(seen);
    }

    public static LakeSchema of(Iterable<Row> rows) {
        SchemaInference inference = new SchemaInference();
        for (Row row : rows) {
            inference.observe(row);
        }
        return inference.result();
    }

    /** The kind of one JSON value as the decoder produces it. */
    static Kind kindOf(Object v) {
        if (v == null) {
            return Kind.NULL;
        } else if (v instanceof String) {
            return Kind.STRING;
        } else if (v instanceof Long l) {
            long x = l;
            return x >= -EXACT_DOUBLE_LIMIT && x <= EXACT_DOUBLE_LIMIT ? Kind.LONG : Kind.LONG_WIDE;
        } else if (v instanceof Double) {
            return Kind.DOUBLE;
        } else if (v instanceof Boolean) {
            return Kind.BOOLEAN;
        } else if (v instanceof JsonObject) {
            return Kind.RECORD;
        } else if (v instanceof List) {
            return Kind.LIST;
        } else if (v instanceof Integer) {
            return Kind.LONG;
        } else if (v instanceof Number) {
            return Kind.DOUBLE;
        }
        throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
}
