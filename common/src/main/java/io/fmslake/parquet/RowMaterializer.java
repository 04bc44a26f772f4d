package io.fmslake.parquet;

import io.fmslake.row.JsonObject;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.LakeType;
import io.fmslake.schema.MetaColumns;
import java.util.Arrays;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Assembles {@link Row}s from a lake file's columns: payload columns (any order) into a {@link JsonObject} of
 * the non-null fields, metadata columns into the row's coordinates and times.
 */
final class RowMaterializer extends RecordMaterializer<Row> {
    private final Root root;

    RowMaterializer(MessageType file, LakeSchema schema) {
        this.root = new Root(file, schema.payload());
    }

    @Override
    public Row getCurrentRecord() {
        return root.row;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private static final class Root extends GroupConverter implements Converters.Sink {
        private final String[] names;
        private final Object[] values;
        private final Converter[] children;
        private final long[] meta = new long[MetaColumns.ALL.size()];
        private String key;
        private Row row;

        Root(MessageType file, LakeType.Struct payload) {
            int n = file.getFieldCount();
            names = new String[n];
            values = new Object[n];
            children = new Converter[n];
            boolean[] seen = new boolean[MetaColumns.ALL.size()];
            for (int i = 0; i < n; i++) {
                Type column = file.getType(i);
                int m = MetaColumns.ALL.indexOf(column.getName());
                if (m >= 0) {
                    seen[m] = true;
                    children[i] = m == MetaColumns.ALL.indexOf(MetaColumns.KEY) ? new KeyConverter() : new Meta(m);
                } else {
                    names[i] = MetaColumns.toPayload(column.getName());
                    LakeType.Field f = payload.field(names[i]);
                    if (f == null) {
                        throw new IllegalStateException("column " + column.getName() + " is not in the lake schema");
                    }
                    children[i] = Converters.of(column, f.type(), this, i);
                }
            }
            for (int m = 0; m < seen.length; m++) {
                if (!seen[m] && !MetaColumns.ALL.get(m).equals(MetaColumns.KEY)) {
                    throw new IllegalStateException("not a lake file: no column " + MetaColumns.ALL.get(m));
                }
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void set(int index, Object value) {
            values[index] = value;
        }

        @Override
        public void start() {
            Arrays.fill(values, null);
            key = null;
        }

        @Override
        public void end() {
            int count = 0;
            for (int i = 0; i < names.length; i++) {
                if (names[i] != null && values[i] != null) {
                    count++;
                }
            }
            String[] ns = new String[count];
            Object[] vs = new Object[count];
            for (int i = 0, k = 0; i < names.length; i++) {
                if (names[i] != null && values[i] != null) {
                    ns[k] = names[i];
                    vs[k++] = values[i];
                }
            }
            row = new Row(new JsonObject(ns, vs), (int) meta[0], meta[1], meta[2], meta[4], key, meta[5]);
        }

        private final class Meta extends PrimitiveConverter {
            private final int slot;

            Meta(int slot) {
                this.slot = slot;
            }

            @Override
            public void addInt(int value) {
                meta[slot] = value;
            }

            @Override
            public void addLong(long value) {
                meta[slot] = value;
            }
        }

        private final class KeyConverter extends PrimitiveConverter {
            @Override
            public void addBinary(Binary value) {
                key = value.toStringUsingUTF8();
            }
        }
    }
}
