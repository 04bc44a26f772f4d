/**
 * Lake schemas: inferred from payloads, merged across files, mapped to Parquet and Avro.
 *
 * <ul>
 * <li>Types ({@link io.fmslake.schema.Kind}): NULL, BOOLEAN, LONG (|v| &le; 2^53), LONG_WIDE, DOUBLE, STRING,
 * RECORD, LIST. All payload columns are optional; null and absent are the same.</li>
 * <li>Union ({@link io.fmslake.schema.LakeSchema#union}): fields of both; NULL takes the other type; LONG+DOUBLE
 * is DOUBLE (exact), LONG_WIDE+DOUBLE is STRING (a double could not hold it); records merge by field, lists by
 * element; any other conflict is STRING, where strings stay as they are and other values are their JSON text.
 * No value is dropped. The union is commutative and associative, so merge order does not matter.</li>
 * <li>Always-null fields: an optional string column, recorded as {@code null} in the footer schema
 * ({@code fms.schema}), so a later union takes the real type. An empty object type is the string {@code "{}"}
 * (Parquet has no empty groups); an empty array's element type is NULL.</li>
 * <li>Column order: payload fields sorted by name ({@link String#compareTo}), then the
 * {@link io.fmslake.schema.MetaColumns} in their fixed order. Parquet columns keep the JSON names (Korean,
 * emoji, {@code temp-c}, {@code 1st}); a top-level payload field named like a metadata column gets one more
 * leading underscore. DuckDB shows an empty field name as {@code C0}.</li>
 * <li>Avro ({@link io.fmslake.schema.LakeSchema#avro()}): names sanitized to {@code [A-Za-z_][A-Za-z0-9_]*}
 * with the JSON name in the field property {@code json_name}.</li>
 * <li>Strict mode ({@link io.fmslake.schema.LakeSchema#fromAvro}): payloads must conform to the Avro schema
 * ({@link io.fmslake.schema.LakeSchema#mismatch}); files are written under the schema's lake form.</li>
 * </ul>
 */
package io.fmslake.schema;
