package io.fmslake.schema;

import io.fmslake.row.JsonObject;
import io.fmslake.row.PackedReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable type under construction for {@link SchemaInference}: widened by every value observed, from a decoded
 * payload or straight from a packed one. Not thread-safe.
 */
final class TypeNode {
    /** Field name numbers below this are looked up in an array (packed payloads), higher ones by name. */
    static final int ID_CACHE = 4096;

    Kind kind = Kind.NULL;
    Map<String, TypeNode> fields;
    TypeNode element;
    /** The field of each name number seen (packed payloads). */
    TypeNode[] byId = new TypeNode[0];
    /** The last object shape seen (names matched by identity) and its field nodes. */
    String[] lastNames = new String[0];

    TypeNode[] lastChildren = new TypeNode[0];

    void observe(Object v) {
        if (v == null || kind == Kind.STRING) {
            return;
        }
        Kind k = SchemaInference.kindOf(v);
        if (k == kind && k != Kind.RECORD && k != Kind.LIST) {
            return;
        }
        if (k == Kind.RECORD || k == Kind.LIST) {
            if (!holds(k)) {
                return;
            }
            if (k == Kind.RECORD) {
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

    @SuppressWarnings("ReferenceEquality") // the parser's name instances as last time: a fast path; else by equals
    void observeFields(JsonObject o) {
        int n = o.size();
        TypeNode[] children = lastChildren;
        boolean same = n == children.length;
        for (int i = 0; same && i < n; i++) {
            same = o.name(i) == lastNames[i];
        }
        if (!same) {
            children = new TypeNode[n];
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = o.name(i);
                children[i] = fields.computeIfAbsent(names[i], k -> new TypeNode());
            }
            lastNames = names;
            lastChildren = children;
        }
        for (int i = 0; i < n; i++) {
            children[i].observe(o.value(i));
        }
    }

    /** As {@link #observe(Object)} for a value read from a packed payload (its tag just read). */
    void observe(PackedReader in, int tag) {
        if (tag == PackedReader.NULL) {
            return;
        }
        if (kind == Kind.STRING) {
            in.skipValue(tag);
            return;
        }
        Kind k = packedKind(in, tag);
        if (k == kind && k != Kind.RECORD && k != Kind.LIST) {
            return;
        }
        if (k == Kind.RECORD || k == Kind.LIST) {
            if (!holds(k)) {
                in.skipValue(tag);
                return;
            }
            if (k == Kind.RECORD) {
                observeFields(in);
            } else {
                for (int i = 0, n = in.count(); i < n; i++) {
                    element.observe(in, in.tag());
                }
            }
        } else if (kind == Kind.RECORD || kind == Kind.LIST) {
            becomeString();
        } else {
            kind = TypeUnion.scalar(kind, k);
        }
    }

    /** The kind of a packed value; reads a scalar's body, leaves an object's or a list's to be read. */
    private static Kind packedKind(PackedReader in, int tag) {
        switch (tag) {
            case PackedReader.TRUE:
            case PackedReader.FALSE:
                return Kind.BOOLEAN;
            case PackedReader.LONG:
                long x = in.longValue();
                long limit = SchemaInference.EXACT_DOUBLE_LIMIT;
                return x >= -limit && x <= limit ? Kind.LONG : Kind.LONG_WIDE;
            case PackedReader.DOUBLE:
                in.skipValue(tag);
                return Kind.DOUBLE;
            case PackedReader.OBJECT:
                return Kind.RECORD;
            case PackedReader.LIST:
                return Kind.LIST;
            default:
                in.skipValue(tag);
                return Kind.STRING;
        }
    }

    void observeFields(PackedReader in) {
        for (int i = 0, n = in.count(); i < n; i++) {
            int id = in.nameId();
            TypeNode child;
            if (id < 0 || id >= ID_CACHE) {
                child = fields.computeIfAbsent(id < 0 ? in.inlineName() : in.name(id), k -> new TypeNode());
            } else {
                if (id >= byId.length) {
                    byId = Arrays.copyOf(byId, Math.min(ID_CACHE, Math.max(id + 1, byId.length * 2)));
                }
                child = byId[id];
                if (child == null) {
                    child = fields.computeIfAbsent(in.name(id), k -> new TypeNode());
                    byId[id] = child;
                }
            }
            child.observe(in, in.tag());
        }
    }

    /**
     * Makes this node hold an object or a list (kind RECORD or LIST): true when it does, false when it had to become
     * STRING (a different kind was seen before), so the value is not looked into.
     */
    private boolean holds(Kind k) {
        if (kind == Kind.NULL) {
            kind = k;
            if (k == Kind.RECORD) {
                fields = new HashMap<>();
            } else {
                element = new TypeNode();
            }
        }
        if (kind != k) {
            becomeString();
            return false;
        }
        return true;
    }

    private void becomeString() {
        kind = Kind.STRING;
        fields = null;
        element = null;
    }

    LakeType type() {
        if (kind == Kind.RECORD) {
            List<LakeType.Field> out = new ArrayList<>(fields.size());
            fields.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e ->
                            out.add(new LakeType.Field(e.getKey(), e.getValue().type())));
            return new LakeType.Struct(out);
        }
        if (kind == Kind.LIST) {
            return new LakeType.ListOf(element.type());
        }
        return LakeType.Scalar.of(kind);
    }
}
