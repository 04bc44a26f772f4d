package io.fmslake.parquet;

import io.fmslake.row.PackedReader;
import io.fmslake.schema.LakeType;
import io.fmslake.schema.MetaColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object as a Parquet group, or (at the top) as the payload columns of a row. Fields are written in the
 * packed object's order and found by name number (remembered per node, so a name is looked up once); fields the
 * object lacks or holds as null get nulls. A non-null field missing from the schema, or any field given twice,
 * throws {@link IllegalArgumentException}.
 */
final class StructNode extends ColumnNode {
    private static final int UNKNOWN = 0;
    private static final int NOT_IN_SCHEMA = -1;

    private final ColumnNode[] children;
    private final Map<String, Integer> index;
    /** Per name number: 0 not looked up yet, -1 not in the schema, else the field's index + 1. */
    private int[] slotById = new int[64];
    /** Per field: the object ({@link #objects}) that last wrote it. */
    private final long[] writtenIn;

    private long objects;

    /** @param column the group's Parquet path (empty for the top, whose fields are the row's payload columns) */
    StructNode(String path, LakeType.Struct t, List<String> column, int def, int rep) {
        super(path, t, def);
        List<LakeType.Field> fields = t.fields();
        children = new ColumnNode[fields.size()];
        index = new HashMap<>(fields.size() * 2);
        writtenIn = new long[fields.size()];
        Arrays.fill(writtenIn, -1);
        boolean top = column.isEmpty();
        String prefix = path.isEmpty() ? "" : path + ".";
        for (int i = 0; i < children.length; i++) {
            LakeType.Field f = fields.get(i);
            List<String> child = new ArrayList<>(column);
            child.add(top ? MetaColumns.toColumn(f.name()) : f.name());
            children[i] = of(f.type(), prefix + f.name(), child, def + 1, rep);
            index.put(f.name(), i);
        }
    }

    @Override
    void write(PackedReader in, int tag, int rep) {
        if (tag != PackedReader.OBJECT) {
            throw misfit(in, tag);
        }
        writeFields(in, rep);
    }

    /** Reads an object's field count and fields and writes them (a row's payload at the top). */
    void writeFields(PackedReader in, int rep) {
        long object = objects++;
        for (int i = 0, n = in.count(); i < n; i++) {
            int id = in.nameId();
            String inline = id < 0 ? in.inlineName() : null;
            int slot = inline == null ? slotOf(in, id) : slotOf(inline);
            if (slot < 0) {
                if (in.tag() != PackedReader.NULL) {
                    throw new IllegalArgumentException("field '" + (path.isEmpty() ? "" : path + ".")
                            + (inline == null ? in.name(id) : inline) + "' is not in the schema");
                }
                continue;
            }
            if (writtenIn[slot] == object) {
                throw new IllegalArgumentException(
                        "field '" + (inline == null ? in.name(id) : inline) + "' appears twice in one object");
            }
            writtenIn[slot] = object;
            children[slot].writeNext(in, rep);
        }
        for (int k = 0; k < children.length; k++) {
            if (writtenIn[k] != object) {
                children[k].writeNull(rep, def);
            }
        }
    }

    private int slotOf(PackedReader in, int id) {
        if (id >= slotById.length) {
            slotById = Arrays.copyOf(slotById, Math.max(id + 1, slotById.length * 2));
        }
        int s = slotById[id];
        if (s == UNKNOWN) {
            Integer i = index.get(in.name(id));
            s = i == null ? NOT_IN_SCHEMA : i + 1;
            slotById[id] = s;
        }
        return s == NOT_IN_SCHEMA ? -1 : s - 1;
    }

    private int slotOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    @Override
    void writeNull(int rep, int level) {
        for (ColumnNode c : children) {
            c.writeNull(rep, level);
        }
    }

    @Override
    void collectLeaves(List<LeafNode> out) {
        for (ColumnNode c : children) {
            c.collectLeaves(out);
        }
    }
}
