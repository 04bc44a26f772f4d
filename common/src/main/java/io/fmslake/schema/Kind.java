package io.fmslake.schema;

/** The kinds of values a lake column holds. */
public enum Kind {
    /** Only nulls seen so far: stored as an optional string column, takes any type in a union. */
    NULL,
    BOOLEAN,
    /** int64 whose values all lie within +-2^53, so widening to double is exact. */
    LONG,
    /** int64 with some value beyond +-2^53: a union with double becomes string (JSON text), never lossy. */
    LONG_WIDE,
    DOUBLE,
    /** Text; also the home of conflicting types, where non-string values are kept as their JSON text. */
    STRING,
    /** A JSON object: a Parquet group (an empty object type is stored as the string "{}"). */
    RECORD,
    /** A JSON array: a Parquet LIST whose element type is the union of the element types. */
    LIST
}
