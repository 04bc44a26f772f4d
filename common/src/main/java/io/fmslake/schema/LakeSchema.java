package io.fmslake.schema;

import java.util.List;

/**
 * The schema of a lake file: the payload's fields (a {@link LakeType.Struct}, sorted by name) followed by the
 * fixed metadata columns. Immutable; equality is by payload type.
 */
public final class LakeSchema {
    private final LakeType.Struct payload;

    LakeSchema(LakeType.Struct payload) {
        this.payload = payload;
    }

    public static LakeSchema empty() {
        return new LakeSchema(new LakeType.Struct(List.of()));
    }

    public static LakeSchema of(LakeType.Struct payload) {
        return new LakeSchema(payload);
    }

    public LakeType.Struct payload() {
        return payload;
    }

    /** The union of both schemas: every field of either, types merged (see {@link Kind}). */
    public LakeSchema union(LakeSchema other) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Reads an Avro record schema (payload only, or with the metadata columns, which are ignored). */
    public static LakeSchema fromAvro(org.apache.avro.Schema payloadOrFull) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The full Avro record schema, metadata columns included. */
    public org.apache.avro.Schema avro() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The Parquet schema of a lake file, metadata columns included. */
    public org.apache.parquet.schema.MessageType parquet() {
        throw new UnsupportedOperationException("not yet");
    }

    /** JSON form for file footers (key {@code fms.schema}); keeps NULL-typed fields. */
    public String toJson() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Parses {@link #toJson()}. @throws IllegalArgumentException when malformed */
    public static LakeSchema fromJson(String json) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LakeSchema s && s.payload.equals(payload);
    }

    @Override
    public int hashCode() {
        return payload.hashCode();
    }
}
