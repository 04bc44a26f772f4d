package io.fmslake.schema;

import io.fmslake.row.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a payload fits a lake type without changing the type: every field declared, and each value
 * writable into its column (a STRING column takes anything, as JSON text; a DOUBLE column takes whole numbers
 * within +-2^53; a NULL column only null).
 */
final class TypeConformance {
    private TypeConformance() {}

    static String check(LakeType.Struct s, JsonObject o) {
        return struct(s, o, "");
    }

    private static String struct(LakeType.Struct s, JsonObject o, String path) {
        for (int i = 0; i < o.size(); i++) {
            LakeType.Field f = s.field(o.name(i));
            if (f == null) {
                return "field '" + path + o.name(i) + "' is not in the schema";
            }
            String err = value(f.type(), o.value(i), path + o.name(i));
            if (err != null) {
                return err;
            }
        }
        return null;
    }

    private static String value(LakeType t, Object v, String path) {
        if (v == null || t.kind() == Kind.STRING) {
            return null;
        }
        Kind k = SchemaInference.kindOf(v);
        if (t instanceof LakeType.Struct s && v instanceof JsonObject o) {
            return struct(s, o, path + ".");
        }
        if (t instanceof LakeType.ListOf l && v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String err = value(l.element(), list.get(i), path + "[" + i + "]");
                if (err != null) {
                    return err;
                }
            }
            return null;
        }
        if (k == t.kind() || (k == Kind.LONG && (t.kind() == Kind.DOUBLE || t.kind() == Kind.LONG_WIDE))) {
            return null;
        }
        return "field '" + path + "': expected " + t.kind().name().toLowerCase(Locale.ROOT) + ", got "
                + k.name().toLowerCase(Locale.ROOT);
    }
}
