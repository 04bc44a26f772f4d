package io.fmslake.parquet;

import io.fmslake.row.JsonObject;
import io.fmslake.row.JsonText;
import io.fmslake.schema.LakeType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * The record-consumer path that wrote lake rows before {@link RowFileWriter} used the column writers; kept in test
 * scope only as the reference of {@link ColumnWriterDifferentialTest}.
 *
 * <p>Writes one non-null JSON value into a column of its lake type, coercing where the schema says so: a whole
 * number into a DOUBLE column (exact within +-2^53), anything into a STRING column (strings as they are, other
 * values as JSON text). A value that does not fit throws {@link IllegalArgumentException}; the file is then
 * unusable and must be abandoned (the schema must come from the rows, see SchemaInference).
 */
abstract class LegacyValueWriter {
    static final Binary EMPTY_OBJECT = Binary.fromConstantByteArray(new byte[] {'{', '}'});
    static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    final String path;
    final LakeType type;

    LegacyValueWriter(String path, LakeType type) {
        this.path = path;
        this.type = type;
    }

    abstract void write(RecordConsumer rc, Object v);

    static LegacyValueWriter of(LakeType t, String path) {
        return switch (t.kind()) {
            case BOOLEAN ->
                new LegacyValueWriter(path, t) {
                    @Override
                    void write(RecordConsumer rc, Object v) {
                        if (!(v instanceof Boolean b)) {
                            throw misfit(v);
                        }
                        rc.addBoolean(b);
                    }
                };
            case LONG, LONG_WIDE ->
                new LegacyValueWriter(path, t) {
                    @Override
                    void write(RecordConsumer rc, Object v) {
                        if (!(v instanceof Long l)) {
                            throw misfit(v);
                        }
                        rc.addLong(l);
                    }
                };
            case DOUBLE ->
                new LegacyValueWriter(path, t) {
                    @Override
                    void write(RecordConsumer rc, Object v) {
                        if (v instanceof Double d) {
                            rc.addDouble(d);
                        } else if (v instanceof Long l && l >= -EXACT_DOUBLE_LIMIT && l <= EXACT_DOUBLE_LIMIT) {
                            rc.addDouble(l);
                        } else {
                            throw misfit(v);
                        }
                    }
                };
            case STRING ->
                new LegacyValueWriter(path, t) {
                    @Override
                    void write(RecordConsumer rc, Object v) {
                        rc.addBinary(utf8(v instanceof String s ? s : JsonText.of(v)));
                    }
                };
            case NULL ->
                new LegacyValueWriter(path, t) {
                    @Override
                    void write(RecordConsumer rc, Object v) {
                        throw misfit(v);
                    }
                };
            case LIST -> new ListWriter(path, (LakeType.ListOf) t);
            case RECORD ->
                ((LakeType.Struct) t).fields().isEmpty()
                        ? new LegacyValueWriter(path, t) {
                            @Override
                            void write(RecordConsumer rc, Object v) {
                                if (!(v instanceof JsonObject o) || !allNull(o)) {
                                    throw misfit(v);
                                }
                                rc.addBinary(EMPTY_OBJECT);
                            }
                        }
                        : new LegacyStructWriter(path, (LakeType.Struct) t, false);
        };
    }

    /**
     * The string's UTF-8 bytes as an array-backed Binary: faster to hash and compare (dictionary, statistics)
     * than {@link Binary#fromString}, which wraps a ByteBuffer.
     */
    static Binary utf8(String s) {
        return Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
    }

    static boolean allNull(JsonObject o) {
        for (int i = 0; i < o.size(); i++) {
            if (o.value(i) != null) {
                return false;
            }
        }
        return true;
    }

    IllegalArgumentException misfit(Object v) {
        return ColumnNode.misfit(path, type, v);
    }

    /** The standard three-level LIST: {@code <name> (LIST) { repeated group list { optional element } }}. */
    private static final class ListWriter extends LegacyValueWriter {
        private final LegacyValueWriter element;

        ListWriter(String path, LakeType.ListOf t) {
            super(path, t);
            this.element = of(t.element(), path + "[]");
        }

        @Override
        void write(RecordConsumer rc, Object v) {
            if (!(v instanceof List<?> list)) {
                throw misfit(v);
            }
            rc.startGroup();
            if (!list.isEmpty()) {
                rc.startField("list", 0);
                for (int i = 0, n = list.size(); i < n; i++) {
                    Object e = list.get(i);
                    rc.startGroup();
                    if (e != null) {
                        rc.startField("element", 0);
                        element.write(rc, e);
                        rc.endField("element", 0);
                    }
                    rc.endGroup();
                }
                rc.endField("list", 0);
            }
            rc.endGroup();
        }
    }
}
