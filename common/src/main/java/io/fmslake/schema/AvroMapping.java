package io.fmslake.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Lake schemas as Avro record schemas, both ways. Avro names must match {@code [A-Za-z_][A-Za-z0-9_]*}, JSON
 * names need not ({@code temp-c}, {@code 온도}, {@code 1st}): an Avro field gets the name with every other
 * character replaced by {@code _} (a leading digit prefixed with {@code _}, clashes suffixed {@code _2},
 * {@code _3}...) and keeps the JSON name in its {@code json_name} property. Parquet columns always carry the
 * JSON name. Payload fields are {@code ["null", T]} with default null; NULL-typed fields are {@code "null"}.
 * From Avro: int is LONG, long LONG_WIDE (unless marked {@code fms_kind: long}), float/double DOUBLE,
 * string/enum STRING, map STRING (JSON text), a union the lake union of its branches; bytes and fixed are
 * refused (JSON has no bytes).
 */
final class AvroMapping {
    static final String JSON_NAME = "json_name";
    static final String KIND_PROP = "fms_kind";

    private AvroMapping() {}

    static Schema full(LakeType.Struct payload) {
        Set<String> recordNames = new HashSet<>();
        recordNames.add("fms_row");
        Set<String> fieldNames = new HashSet<>(MetaColumns.ALL);
        List<Schema.Field> fields = new ArrayList<>();
        for (LakeType.Field f : payload.fields()) {
            fields.add(field(MetaColumns.toColumn(f.name()), f, fieldNames, "fms_row", recordNames));
        }
        Schema ts = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        fields.add(new Schema.Field(MetaColumns.PARTITION, Schema.create(Schema.Type.INT)));
        fields.add(new Schema.Field(MetaColumns.OFFSET, Schema.create(Schema.Type.LONG)));
        fields.add(new Schema.Field(MetaColumns.TIMESTAMP, ts));
        fields.add(new Schema.Field(
                MetaColumns.KEY, nullable(Schema.create(Schema.Type.STRING)), null, JsonProperties.NULL_VALUE));
        fields.add(new Schema.Field(MetaColumns.EVENT_TIME, ts));
        fields.add(new Schema.Field(MetaColumns.INGEST_TIME, ts));
        return Schema.createRecord("fms_row", "a lake row", "io.fmslake.lake", false, fields);
    }

    private static Schema.Field field(
            String column, LakeType.Field f, Set<String> taken, String path, Set<String> recordNames) {
        String name = unique(sanitize(column), taken);
        Schema type = schema(f.type(), path + "_" + name, recordNames);
        Schema.Field out = f.type().kind() == Kind.NULL
                ? new Schema.Field(name, type, null, JsonProperties.NULL_VALUE)
                : new Schema.Field(name, nullable(type), null, JsonProperties.NULL_VALUE);
        if (!name.equals(f.name())) {
            out.addProp(JSON_NAME, f.name());
        }
        return out;
    }

    private static Schema schema(LakeType t, String path, Set<String> recordNames) {
        switch (t.kind()) {
            case NULL:
                return Schema.create(Schema.Type.NULL);
            case BOOLEAN:
                return Schema.create(Schema.Type.BOOLEAN);
            case LONG:
                Schema l = Schema.create(Schema.Type.LONG);
                l.addProp(KIND_PROP, "long");
                return l;
            case LONG_WIDE:
                return Schema.create(Schema.Type.LONG);
            case DOUBLE:
                return Schema.create(Schema.Type.DOUBLE);
            case STRING:
                return Schema.create(Schema.Type.STRING);
            case LIST:
                LakeType element = ((LakeType.ListOf) t).element();
                Schema e = schema(element, path + "_element", recordNames);
                return Schema.createArray(element.kind() == Kind.NULL ? e : nullable(e));
            default:
                String recordName = unique(path, recordNames);
                Set<String> taken = new HashSet<>();
                List<Schema.Field> fields = new ArrayList<>();
                for (LakeType.Field f : ((LakeType.Struct) t).fields()) {
                    fields.add(field(f.name(), f, taken, recordName, recordNames));
                }
                return Schema.createRecord(recordName, null, "io.fmslake.lake", false, fields);
        }
    }

    static Schema nullable(Schema s) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
    }

    static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
            sb.append(ok ? c : '_');
        }
        if (sb.length() == 0 || Character.isDigit(sb.charAt(0))) {
            sb.insert(0, '_');
        }
        return sb.toString();
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }

    /** The payload of an Avro record schema; top-level metadata fields are skipped. */
    static LakeType.Struct payload(Schema record) {
        if (record.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("expected an Avro record schema, got " + record.getType());
        }
        return struct(record, true, 0);
    }

    static String jsonName(Schema.Field f) {
        String n = f.getProp(JSON_NAME);
        return n != null ? n : f.name();
    }

    private static LakeType.Struct struct(Schema record, boolean top, int depth) {
        List<LakeType.Field> out = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            if (!(top && MetaColumns.isMeta(f.name()))) {
                String name = top ? MetaColumns.toPayload(jsonName(f)) : jsonName(f);
                out.add(new LakeType.Field(name, type(f.schema(), depth + 1)));
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).name().equals(out.get(i - 1).name())) {
                throw new IllegalArgumentException(
                        "two fields map to the JSON name " + out.get(i).name());
            }
        }
        return new LakeType.Struct(out);
    }

    private static LakeType type(Schema s, int depth) {
        if (depth > 100) {
            throw new IllegalArgumentException("Avro schema nested too deep (recursive?) at " + s.getName());
        }
        switch (s.getType()) {
            case NULL:
                return LakeType.Scalar.NULL;
            case BOOLEAN:
                return LakeType.Scalar.BOOLEAN;
            case INT:
                return LakeType.Scalar.LONG;
            case LONG:
                return "long".equals(s.getProp(KIND_PROP)) ? LakeType.Scalar.LONG : LakeType.Scalar.LONG_WIDE;
            case FLOAT:
            case DOUBLE:
                return LakeType.Scalar.DOUBLE;
            case STRING:
            case ENUM:
            case MAP:
                return LakeType.Scalar.STRING;
            case RECORD:
                return struct(s, false, depth);
            case ARRAY:
                return new LakeType.ListOf(type(s.getElementType(), depth + 1));
            case UNION:
                LakeType t = LakeType.Scalar.NULL;
                for (Schema branch : s.getTypes()) {
                    t = TypeUnion.union(t, type(branch, depth + 1));
                }
                return t;
            default:
                throw new IllegalArgumentException("unsupported Avro type " + s.getType() + " (JSON has no bytes)");
        }
    }
}
