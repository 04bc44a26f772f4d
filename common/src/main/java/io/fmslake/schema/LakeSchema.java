package io.fmslake.schema;

import io.fmslake.row.JsonObject;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.parquet.schema.MessageType;

/**
 * The schema of a lake file: the payload's fields ({@link LakeType.Struct}, sorted by name in {@link String}
 * order, so column order is deterministic) followed by the fixed {@link MetaColumns}. All payload columns are
 * optional; null and absent are the same. Merges use {@link #union}. Immutable and thread-safe; equality is by
 * payload type (a strict schema's Avro source does not take part).
 */
public final class LakeSchema {
    private final LakeType.Struct payload;
    private final AvroConformance strict;
    private MessageType parquet;

    private LakeSchema(LakeType.Struct payload, AvroConformance strict) {
        this.payload = payload;
        this.strict = strict;
    }

    public static LakeSchema empty() {
        return new LakeSchema(new LakeType.Struct(List.of()), null);
    }

    public static LakeSchema of(LakeType.Struct payload) {
        return new LakeSchema(payload, null);
    }

    public LakeType.Struct payload() {
        return payload;
    }

    /** The union of both schemas: every field of either, types merged by the rules of {@link Kind}. */
    public LakeSchema union(LakeSchema other) {
        if (other.payload.equals(payload)) {
            return this;
        }
        return new LakeSchema(TypeUnion.struct(payload, other.payload), null);
    }

    /**
     * Reads an Avro record schema (payload only, or with the metadata columns, which are skipped). The result
     * remembers the Avro schema: {@link #mismatch} then checks payloads against it (strict mode).
     *
     * @throws IllegalArgumentException when the schema is not a record or uses bytes/fixed
     */
    public static LakeSchema fromAvro(Schema payloadOrFull) {
        return new LakeSchema(AvroMapping.payload(payloadOrFull), new AvroConformance(payloadOrFull));
    }

    /** Parses an Avro schema file's text, see {@link #fromAvro(Schema)}. */
    public static LakeSchema fromAvroText(String avsc) {
        try {
            return fromAvro(new Schema.Parser().parse(avsc));
        } catch (org.apache.avro.SchemaParseException e) {
            throw new IllegalArgumentException("invalid Avro schema: " + e.getMessage(), e);
        }
    }

    /** The schema of a Parquet file written without an {@code fms.schema} footer entry. */
    public static LakeSchema fromParquet(MessageType message) {
        return new LakeSchema(ParquetMapping.payload(message), null);
    }

    /** The full Avro record schema, metadata columns included (see {@link AvroMapping} for names). */
    public Schema avro() {
        return AvroMapping.full(payload);
    }

    /** The Parquet schema of a lake file, metadata columns included. */
    public MessageType parquet() {
        MessageType m = parquet;
        if (m == null) {
            m = ParquetMapping.message(payload);
            parquet = m;
        }
        return m;
    }

    /** Why the payload does not conform (Avro rules in strict mode, else the lake type), or empty. */
    public Optional<String> mismatch(JsonObject payload) {
        return Optional.ofNullable(
                strict != null ? strict.check(payload) : TypeConformance.check(this.payload, payload));
    }

    /** JSON form for file footers (key {@code fms.schema}); keeps NULL-typed fields and LONG vs LONG_WIDE. */
    public String toJson() {
        return SchemaJson.write(payload);
    }

    /** Parses {@link #toJson()}. @throws IllegalArgumentException when malformed */
    public static LakeSchema fromJson(String json) {
        return new LakeSchema(SchemaJson.read(json), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LakeSchema s && s.payload.equals(payload);
    }

    @Override
    public int hashCode() {
        return payload.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
