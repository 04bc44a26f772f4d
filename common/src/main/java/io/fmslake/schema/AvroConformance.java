package io.fmslake.schema;

import io.fmslake.row.JsonObject;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Checks a JSON payload against an Avro schema (strict mode). Conforming: every JSON field is declared (by its
 * JSON name, see {@link AvroMapping}); a declared field that is absent or null is allowed when its schema takes
 * null or it has a default (the column is then null: defaults are not filled in); int needs a whole number in
 * int32 range, long any whole number within int64, float/double any number, string and enum (one of the
 * symbols) text, boolean true/false, record and map an object, array an array, a union any branch.
 * Immutable and thread-safe.
 */
final class AvroConformance {
    private final Schema root;
    private final Map<Schema, Map<String, Schema.Field>> fieldsByJsonName = new IdentityHashMap<>();

    AvroConformance(Schema root) {
        this.root = root;
        index(root, true, 0);
    }

    private void index(Schema s, boolean top, int depth) {
        if (depth > 100) {
            return;
        }
        switch (s.getType()) {
            case RECORD:
                if (fieldsByJsonName.containsKey(s)) {
                    return;
                }
                Map<String, Schema.Field> m = new HashMap<>();
                fieldsByJsonName.put(s, m);
                for (Schema.Field f : s.getFields()) {
                    if (!(top && MetaColumns.isMeta(f.name()))) {
                        String name = AvroMapping.jsonName(f);
                        m.put(top ? MetaColumns.toPayload(name) : name, f);
                        index(f.schema(), false, depth + 1);
                    }
                }
                break;
            case ARRAY:
                index(s.getElementType(), false, depth + 1);
                break;
            case MAP:
                index(s.getValueType(), false, depth + 1);
                break;
            case UNION:
                for (Schema b : s.getTypes()) {
                    index(b, false, depth + 1);
                }
                break;
            default:
                break;
        }
    }

    /** Null when the payload conforms, else what does not. */
    String check(JsonObject payload) {
        return record(root, payload, "");
    }

    private String record(Schema s, JsonObject o, String path) {
        Map<String, Schema.Field> fields = fieldsByJsonName.get(s);
        for (int i = 0; i < o.size(); i++) {
            if (!fields.containsKey(o.name(i))) {
                return "field '" + path + o.name(i) + "' is not in the schema";
            }
        }
        for (Map.Entry<String, Schema.Field> e : fields.entrySet()) {
            Object v = o.get(e.getKey());
            Schema.Field f = e.getValue();
            if (v == null && f.hasDefaultValue()) {
                continue;
            }
            String err = value(f.schema(), v, path + e.getKey());
            if (err != null) {
                return err;
            }
        }
        return null;
    }

    private String value(Schema s, Object v, String path) {
        boolean ok;
        switch (s.getType()) {
            case UNION:
                for (Schema b : s.getTypes()) {
                    if (value(b, v, path) == null) {
                        return null;
                    }
                }
                Schema single = null;
                int nonNull = 0;
                for (Schema b : s.getTypes()) {
                    if (b.getType() != Schema.Type.NULL) {
                        single = b;
                        nonNull++;
                    }
                }
                return nonNull == 1 && v != null ? value(single, v, path) : mismatch(path, s, v);
            case NULL:
                ok = v == null;
                break;
            case BOOLEAN:
                ok = v instanceof Boolean;
                break;
            case INT:
                ok = v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
                break;
            case LONG:
                ok = v instanceof Long;
                break;
            case FLOAT:
            case DOUBLE:
                ok = v instanceof Long || v instanceof Double;
                break;
            case STRING:
                ok = v instanceof String;
                break;
            case ENUM:
                ok = v instanceof String str && s.hasEnumSymbol(str);
                break;
            case RECORD:
                return v instanceof JsonObject o ? record(s, o, path + ".") : mismatch(path, s, v);
            case ARRAY:
                if (!(v instanceof List<?> list)) {
                    return mismatch(path, s, v);
                }
                for (int i = 0; i < list.size(); i++) {
                    String e = value(s.getElementType(), list.get(i), path + "[" + i + "]");
                    if (e != null) {
                        return e;
                    }
                }
                return null;
            case MAP:
                if (!(v instanceof JsonObject m)) {
                    return mismatch(path, s, v);
                }
                for (int i = 0; i < m.size(); i++) {
                    String e = value(s.getValueType(), m.value(i), path + "." + m.name(i));
                    if (e != null) {
                        return e;
                    }
                }
                return null;
            default:
                ok = false;
        }
        return ok ? null : mismatch(path, s, v);
    }

    private static String mismatch(String path, Schema s, Object v) {
        String expected = s.getType() == Schema.Type.UNION
                ? s.getTypes().toString()
                : s.getType().getName();
        String got = v == null
                ? "null"
                : v instanceof Long l
                        ? "integer " + l
                        : SchemaInference.kindOf(v).name().toLowerCase(java.util.Locale.ROOT);
        if (v instanceof String str && s.getType() == Schema.Type.ENUM) {
            got = "'" + (str.length() > 40 ? str.substring(0, 40) + "..." : str) + "'";
        }
        return "field '" + path + "': expected " + expected + ", got " + got;
    }
}
