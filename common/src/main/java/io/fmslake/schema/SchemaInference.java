package io.fmslake.schema;

import io.fmslake.row.JsonObject;
import io.fmslake.row.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers a {@link LakeSchema} from payloads, by the union rule of {@link TypeUnion}: a long within +-2^53 is
 * LONG, beyond it LONG_WIDE; a field seen only as null stays NULL (stored as an optional string column, and
 * named {@code null} in the footer schema so a later union takes the real type); an empty array has a NULL
 * element type. Mutable, not thread-safe: one per batch.
 */
public final class SchemaInference {
    static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    private final Node root = new Node();
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

    /** The schema of everything observed so far (unioned with the start schema). */
    public LakeSchema result() {
        LakeSchema seen = LakeSchema.of((LakeType.Struct) root.type());
        return start.union(seen);
    }

    public static LakeSchema of(Iterable<Row> rows) {
        SchemaInference inference = new SchemaInference();
        for (Row row : rows) {
            inference.observe(row.payload());
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

    /** A mutable type under construction. */
    private static final class Node {
        Kind kind = Kind.NULL;
        Map<String, Node> fields;
        Node element;
        /** The last object shape seen (names matched by identity) and its field nodes. */
        String[] lastNames = new String[0];
        Node[] lastChildren = new Node[0];

        void observe(Object v) {
            if (v == null || kind == Kind.STRING) {
                return;
            }
            Kind k = kindOf(v);
            if (k == Kind.RECORD || k == Kind.LIST) {
                if (kind == Kind.NULL) {
                    kind = k;
                    if (k == Kind.RECORD) {
                        fields = new HashMap<>();
                    } else {
                        element = new Node();
                    }
                }
                if (kind != k) {
                    becomeString();
                } else if (k == Kind.RECORD) {
                    observeFields((JsonObject) v);
                } else {
                    for (Object e : (List<?>) v) {
                        element.observe(e);
                    }
                }
            } else if (kind == Kind.RECORD || kind == Kind.LIST) {
                becomeString();
            } else {
                kind = TypeUnion.scalar(kind, k);
            }
        }

        void observeFields(JsonObject o) {
            int n = o.size();
            Node[] children = lastChildren;
            boolean same = n == children.length;
            for (int i = 0; same && i < n; i++) {
                same = o.name(i) == lastNames[i];
            }
            if (!same) {
                children = new Node[n];
                String[] names = new String[n];
                for (int i = 0; i < n; i++) {
                    names[i] = o.name(i);
                    children[i] = fields.computeIfAbsent(names[i], k -> new Node());
                }
                lastNames = names;
                lastChildren = children;
            }
            for (int i = 0; i < n; i++) {
                children[i].observe(o.value(i));
            }
        }

        private void becomeString() {
            kind = Kind.STRING;
            fields = null;
            element = null;
        }

        LakeType type() {
            if (kind == Kind.RECORD) {
                List<LakeType.Field> out = new ArrayList<>(fields.size());
                fields.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> out.add(new LakeType.Field(e.getKey(), e.getValue().type())));
                return new LakeType.Struct(out);
            }
            if (kind == Kind.LIST) {
                return new LakeType.ListOf(element.type());
            }
            return LakeType.Scalar.of(kind);
        }
    }
}
