package io.fmslake.parquet;

import io.fmslake.row.JsonObject;
import io.fmslake.schema.LakeType;
import io.fmslake.schema.MetaColumns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * The record-consumer path that wrote lake rows before {@link RowFileWriter} used the column writers; kept in test
 * scope only as the reference of {@link ColumnWriterDifferentialTest}.
 *
 * <p>Writes a JSON object as a Parquet group (or, at the top, as the payload columns of a row). Fields are
 * written in the object's order and looked up by name; null fields are skipped (Parquet fills them with null).
 * A non-null field missing from the schema, or any field given twice, throws
 * {@link IllegalArgumentException}.
 */
final class LegacyStructWriter extends LegacyValueWriter {
    private final String[] columns;
    private final LegacyValueWriter[] children;
    private final Map<String, Integer> index;
    private String[] lastNames = new String[0];
    private int[] lastSlots = new int[0];

    LegacyStructWriter(String path, LakeType.Struct t, boolean top) {
        super(path, t);
        List<LakeType.Field> fields = t.fields();
        columns = new String[fields.size()];
        children = new LegacyValueWriter[fields.size()];
        index = new HashMap<>(fields.size() * 2);
        String prefix = path.isEmpty() ? "" : path + ".";
        for (int i = 0; i < fields.size(); i++) {
            LakeType.Field f = fields.get(i);
            columns[i] = top ? MetaColumns.toColumn(f.name()) : f.name();
            children[i] = of(f.type(), prefix + f.name());
            index.put(f.name(), i);
        }
    }

    int fieldCount() {
        return columns.length;
    }

    @Override
    void write(RecordConsumer rc, Object v) {
        if (!(v instanceof JsonObject o)) {
            throw misfit(v);
        }
        rc.startGroup();
        writeFields(rc, o);
        rc.endGroup();
    }

    void writeFields(RecordConsumer rc, JsonObject o) {
        int[] slots = slots(o);
        for (int i = 0, n = o.size(); i < n; i++) {
            Object v = o.value(i);
            if (v == null) {
                continue;
            }
            int k = slots[i];
            if (k < 0) {
                String prefix = path.isEmpty() ? "" : path + ".";
                throw new IllegalArgumentException("field '" + prefix + o.name(i) + "' is not in the schema");
            }
            rc.startField(columns[k], k);
            children[k].write(rc, v);
            rc.endField(columns[k], k);
        }
    }

    /**
     * The column of each field of {@code o} (-1 when not in the schema). Objects of one shape share name
     * instances (the parser canonicalizes them), so the last shape is remembered and matched by identity.
     */
    private int[] slots(JsonObject o) {
        int n = o.size();
        if (n == lastNames.length) {
            int i = 0;
            while (i < n && o.name(i) == lastNames[i]) {
                i++;
            }
            if (i == n) {
                return lastSlots;
            }
        }
        String[] names = new String[n];
        int[] slots = new int[n];
        boolean[] used = new boolean[columns.length];
        for (int i = 0; i < n; i++) {
            names[i] = o.name(i);
            Integer idx = index.get(names[i]);
            slots[i] = idx == null ? -1 : idx;
            if (slots[i] >= 0) {
                if (used[slots[i]]) {
                    throw new IllegalArgumentException("field '" + names[i] + "' appears twice in one object");
                }
                used[slots[i]] = true;
            }
        }
        lastNames = names;
        lastSlots = slots;
        return slots;
    }
}
