package io.fmslake.parquet;

import io.fmslake.row.JsonObject;
import io.fmslake.schema.Kind;
import io.fmslake.schema.LakeType;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * Parquet converters that assemble JSON values (no Avro records) from a column layout and its lake type:
 * strings (dictionary pages decoded once per dictionary entry), longs, doubles, booleans, groups as
 * {@link JsonObject}s holding their non-null fields, LISTs as lists.
 */
final class Converters {
    static final JsonObject EMPTY = new JsonObject(new String[0], new Object[0]);

    private Converters() {}

    /** Where a converter puts the value it assembled. */
    interface Sink {
        void set(int index, Object value);
    }

    static Converter of(Type column, LakeType type, Sink sink, int index) {
        if (column.isPrimitive()) {
            return switch (type.kind()) {
                case LONG, LONG_WIDE -> new Value(sink, index, Kind.LONG);
                case DOUBLE -> new Value(sink, index, Kind.DOUBLE);
                case BOOLEAN -> new Value(sink, index, Kind.BOOLEAN);
                case RECORD -> new Value(sink, index, Kind.RECORD);
                case LIST -> throw mismatch(column, type);
                default -> new Text(sink, index);
            };
        }
        if (type instanceof LakeType.ListOf list) {
            return new ListConverter(column.asGroupType(), list, sink, index);
        }
        if (type instanceof LakeType.Struct struct && !struct.fields().isEmpty()) {
            return new Struct(column.asGroupType(), struct, sink, index);
        }
        throw mismatch(column, type);
    }

    static IllegalStateException mismatch(Type column, LakeType type) {
        return new IllegalStateException("column " + column.getName() + " does not match lake type " + type);
    }

    /** A scalar column other than text. */
    static final class Value extends PrimitiveConverter {
        private final Sink sink;
        private final int index;
        private final Kind kind;

        Value(Sink sink, int index, Kind kind) {
            this.sink = sink;
            this.index = index;
            this.kind = kind;
        }

        @Override
        public void addLong(long v) {
            sink.set(index, kind == Kind.DOUBLE ? (Object) (double) v : (Object) v);
        }

        @Override
        public void addInt(int v) {
            addLong(v);
        }

        @Override
        public void addDouble(double v) {
            sink.set(index, v);
        }

        @Override
        public void addFloat(float v) {
            sink.set(index, (double) v);
        }

        @Override
        public void addBoolean(boolean v) {
            sink.set(index, v);
        }

        @Override
        public void addBinary(Binary v) {
            sink.set(index, kind == Kind.RECORD ? EMPTY : v.toStringUsingUTF8());
        }
    }

    /** A UTF-8 string column. */
    static final class Text extends PrimitiveConverter {
        private final Sink sink;
        private final int index;
        private Dictionary dictionary;
        private String[] decoded;

        Text(Sink sink, int index) {
            this.sink = sink;
            this.index = index;
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            this.dictionary = dictionary;
            this.decoded = new String[dictionary.getMaxId() + 1];
        }

        @Override
        public void addValueFromDictionary(int id) {
            String s = decoded[id];
            if (s == null) {
                s = dictionary.decodeToBinary(id).toStringUsingUTF8();
                decoded[id] = s;
            }
            sink.set(index, s);
        }

        @Override
        public void addBinary(Binary v) {
            sink.set(index, v.toStringUsingUTF8());
        }
    }

    /** A group: a JSON object of its non-null fields, in column order. */
    static final class Struct extends GroupConverter implements Sink {
        private final String[] names;
        private final Object[] values;
        private final Converter[] children;
        private final Sink sink;
        private final int index;

        Struct(GroupType group, LakeType.Struct type, Sink sink, int index) {
            this.sink = sink;
            this.index = index;
            int n = group.getFieldCount();
            names = new String[n];
            values = new Object[n];
            children = new Converter[n];
            for (int i = 0; i < n; i++) {
                Type column = group.getType(i);
                names[i] = column.getName();
                LakeType.Field f = type.field(names[i]);
                if (f == null) {
                    throw new IllegalStateException("column " + column.getName() + " is not in the lake schema");
                }
                children[i] = of(column, f.type(), this, i);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void set(int i, Object value) {
            values[i] = value;
        }

        @Override
        public void start() {
            java.util.Arrays.fill(values, null);
        }

        JsonObject object() {
            int n = 0;
            for (int i = 0; i < names.length; i++) {
                if (values[i] != null) {
                    n++;
                }
            }
            String[] ns = new String[n];
            Object[] vs = new Object[n];
            for (int i = 0, k = 0; i < names.length; i++) {
                if (values[i] != null) {
                    ns[k] = names[i];
                    vs[k++] = values[i];
                }
            }
            return new JsonObject(ns, vs);
        }

        @Override
        public void end() {
            sink.set(index, object());
        }
    }
}
