package io.fmslake.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Lake types as Parquet columns. Every payload column is optional and keeps its original JSON name.
 * BOOLEAN is boolean, LONG and LONG_WIDE int64, DOUBLE double, STRING and NULL a UTF-8 string, a record a
 * group (an empty record the string {@code "{}"}, Parquet has no empty groups), a list the standard three-level
 * LIST ({@code <name> (LIST) { repeated group list { optional <element> element } }}).
 */
final class ParquetMapping {
    static final String MESSAGE_NAME = "fms_row";

    private ParquetMapping() {}

    static MessageType message(LakeType.Struct payload) {
        List<Type> columns = new ArrayList<>();
        for (LakeType.Field f : payload.fields()) {
            columns.add(column(MetaColumns.toColumn(f.name()), f.type()));
        }
        LogicalTypeAnnotation ts = LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS);
        columns.add(Types.required(PrimitiveTypeName.INT32).named(MetaColumns.PARTITION));
        columns.add(Types.required(PrimitiveTypeName.INT64).named(MetaColumns.OFFSET));
        columns.add(Types.required(PrimitiveTypeName.INT64).as(ts).named(MetaColumns.TIMESTAMP));
        columns.add(Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(MetaColumns.KEY));
        columns.add(Types.required(PrimitiveTypeName.INT64).as(ts).named(MetaColumns.EVENT_TIME));
        columns.add(Types.required(PrimitiveTypeName.INT64).as(ts).named(MetaColumns.INGEST_TIME));
        return new MessageType(MESSAGE_NAME, columns);
    }

    static Type column(String name, LakeType t) {
        switch (t.kind()) {
            case BOOLEAN:
                return Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case LONG:
            case LONG_WIDE:
                return Types.optional(PrimitiveTypeName.INT64).named(name);
            case DOUBLE:
                return Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case RECORD:
                LakeType.Struct s = (LakeType.Struct) t;
                if (s.fields().isEmpty()) {
                    return string(name);
                }
                List<Type> children = new ArrayList<>();
                for (LakeType.Field f : s.fields()) {
                    children.add(column(f.name(), f.type()));
                }
                return Types.optionalGroup()
                        .addFields(children.toArray(new Type[0]))
                        .named(name);
            case LIST:
                Type element = column("element", ((LakeType.ListOf) t).element());
                return Types.optionalGroup()
                        .as(LogicalTypeAnnotation.listType())
                        .addField(Types.repeatedGroup().addField(element).named("list"))
                        .named(name);
            default:
                return string(name);
        }
    }

    private static Type string(String name) {
        return Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(name);
    }

    /** The payload type of a Parquet file without an {@code fms.schema} footer entry. */
    static LakeType.Struct payload(MessageType message) {
        List<LakeType.Field> out = new ArrayList<>();
        for (Type t : message.getFields()) {
            if (!MetaColumns.isMeta(t.getName())) {
                out.add(new LakeType.Field(MetaColumns.toPayload(t.getName()), type(t)));
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return new LakeType.Struct(out);
    }

    private static LakeType type(Type t) {
        if (t.isPrimitive()) {
            PrimitiveType p = t.asPrimitiveType();
            switch (p.getPrimitiveTypeName()) {
                case BOOLEAN:
                    return LakeType.Scalar.BOOLEAN;
                case INT32:
                    return LakeType.Scalar.LONG;
                case INT64:
                    return LakeType.Scalar.LONG_WIDE;
                case FLOAT:
                case DOUBLE:
                    return LakeType.Scalar.DOUBLE;
                case BINARY:
                    return LakeType.Scalar.STRING;
                default:
                    throw new IllegalArgumentException("unsupported Parquet column " + t);
            }
        }
        GroupType g = t.asGroupType();
        if (g.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                && g.getFieldCount() == 1
                && !g.getType(0).isPrimitive()
                && g.getType(0).asGroupType().getFieldCount() == 1) {
            return new LakeType.ListOf(type(g.getType(0).asGroupType().getType(0)));
        }
        List<LakeType.Field> out = new ArrayList<>();
        for (Type c : g.getFields()) {
            out.add(new LakeType.Field(c.getName(), type(c)));
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return new LakeType.Struct(out);
    }
}
