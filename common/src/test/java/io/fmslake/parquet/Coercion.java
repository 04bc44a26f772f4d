package io.fmslake.parquet;

import io.fmslake.row.JsonObject;
import io.fmslake.row.JsonText;
import io.fmslake.schema.LakeType;
import io.fmslake.schema.MetaColumns;
import java.util.ArrayList;
import java.util.List;

/** What the lake promises for a value: coerced to its column type (JSON text in string columns, long to double). */
final class Coercion {
    private Coercion() {}

    /** The payload as read back: top-level names as in the payload. */
    static Object expected(JsonObject payload, LakeType.Struct type) {
        return expected(payload, type, false, false);
    }

    /** The payload as another reader sees it: top-level names as the columns are named, {} as the text "{}". */
    static Object expectedColumns(JsonObject payload, LakeType.Struct type) {
        return expected(payload, type, true, true);
    }

    private static Object expected(Object v, LakeType type, boolean escapeTop, boolean foreign) {
        if (v == null) {
            return null;
        }
        switch (type.kind()) {
            case STRING:
                return v instanceof String ? v : JsonText.of(v);
            case DOUBLE:
                return ((Number) v).doubleValue();
            case LIST:
                List<Object> out = new ArrayList<>();
                for (Object e : (List<?>) v) {
                    out.add(expected(e, ((LakeType.ListOf) type).element(), false, foreign));
                }
                return out;
            case RECORD:
                LakeType.Struct s = (LakeType.Struct) type;
                if (s.fields().isEmpty()) {
                    return foreign ? "{}" : v;
                }
                JsonObject o = (JsonObject) v;
                String[] names = new String[o.size()];
                Object[] values = new Object[o.size()];
                for (int i = 0; i < o.size(); i++) {
                    names[i] = escapeTop ? MetaColumns.toColumn(o.name(i)) : o.name(i);
                    values[i] = expected(o.value(i), s.field(o.name(i)).type(), false, foreign);
                }
                return new JsonObject(names, values);
            default:
                return v;
        }
    }
}
