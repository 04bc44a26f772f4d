package io.fmslake.parquet;

import io.fmslake.row.JsonObject;
import io.fmslake.row.PackedReader;
import io.fmslake.schema.LakeType;
import java.util.List;
import java.util.Locale;

/**
 * One node of the lake schema as Parquet columns: a value of its lake type read from a packed payload goes straight
 * into the column writers of its leaves, with the repetition and definition levels that Parquet's record shredding
 * would give it. Every payload node is optional: a present value is at definition level {@link #def}, a null one at
 * {@code def - 1} in every leaf below. Coercion where the schema says so: a whole number into a DOUBLE column (exact
 * within +-2^53), anything into a STRING column (strings as they are, other values as JSON text). A value that does
 * not fit throws {@link IllegalArgumentException}; the file is then unusable and must be abandoned (the schema must
 * come from the rows, see SchemaInference).
 */
abstract class ColumnNode {
    static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    /** The field's JSON path, for messages ({@code a.b}, {@code xs[]}). */
    final String path;

    final LakeType type;
    /** The definition level of a present value. */
    final int def;

    ColumnNode(String path, LakeType type, int def) {
        this.path = path;
        this.type = type;
        this.def = def;
    }

    /**
     * The node of a field's type.
     *
     * @param column the Parquet path of the field's column
     * @param def    its definition level when present
     * @param rep    the repetition level of the innermost list around it (0 at the top)
     */
    static ColumnNode of(LakeType t, String path, List<String> column, int def, int rep) {
        return switch (t.kind()) {
            case LIST -> new ListNode(path, (LakeType.ListOf) t, column, def, rep);
            case RECORD ->
                ((LakeType.Struct) t).fields().isEmpty()
                        ? LeafNode.of(t, path, column, def)
                        : new StructNode(path, (LakeType.Struct) t, column, def, rep);
            default -> LeafNode.of(t, path, column, def);
        };
    }

    /** Writes a non-null value whose tag has been read. */
    abstract void write(PackedReader in, int tag, int rep);

    /** Writes null into every leaf below at definition level {@code level}. */
    abstract void writeNull(int rep, int level);

    /** Adds the leaves below, in column order. */
    abstract void collectLeaves(List<LeafNode> out);

    /** Reads the next value (tag and body) and writes it, null included. */
    final void writeNext(PackedReader in, int rep) {
        int tag = in.tag();
        if (tag == PackedReader.NULL) {
            writeNull(rep, def - 1);
        } else {
            write(in, tag, rep);
        }
    }

    /** The error for a value (its tag just read) that does not fit; reads the value to name it. */
    final IllegalArgumentException misfit(PackedReader in, int tag) {
        return misfit(in.value(tag));
    }

    final IllegalArgumentException misfit(Object v) {
        return misfit(path, type, v);
    }

    /** The error for a decoded value {@code v} of the field at {@code path} that does not fit its column type. */
    static IllegalArgumentException misfit(String path, LakeType type, Object v) {
        String what = v == null
                ? "null"
                : v instanceof JsonObject
                        ? "an object"
                        : v instanceof List
                                ? "an array"
                                : v.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " "
                                        + abbreviate(String.valueOf(v));
        return new IllegalArgumentException("field '" + path + "': " + what + " does not fit column type "
                + type.kind().name().toLowerCase(Locale.ROOT) + " (schema must hold every row written)");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
