package io.fmslake.schema;

import java.util.List;

/**
 * The metadata columns every lake row carries after its payload columns, in this order, and the rule that
 * keeps payload fields from colliding with them: a top-level payload field named {@code _}<sup>k</sup>{@code r}
 * (k &ge; 1 underscores, r one of the metadata names without its underscore, e.g. {@code _kafka_offset}) is
 * stored as a column with one more leading underscore ({@code __kafka_offset}). Every other name is stored as is.
 */
public final class MetaColumns {
    public static final String PARTITION = "_kafka_partition";
    public static final String OFFSET = "_kafka_offset";
    public static final String TIMESTAMP = "_kafka_timestamp";
    public static final String KEY = "_kafka_key";
    public static final String EVENT_TIME = "_event_time";
    public static final String INGEST_TIME = "_ingest_time";
    /** The metadata column names in file order. */
    public static final List<String> ALL = List.of(PARTITION, OFFSET, TIMESTAMP, KEY, EVENT_TIME, INGEST_TIME);

    private MetaColumns() {}

    public static boolean isMeta(String column) {
        return column.startsWith("_") && ALL.contains(column);
    }

    /** The column name of a top-level payload field. */
    public static String toColumn(String payloadName) {
        return collides(payloadName) ? "_" + payloadName : payloadName;
    }

    /** The payload field name of a top-level column that is not a metadata column. */
    public static String toPayload(String column) {
        if (column.startsWith("__") && collides(column.substring(1))) {
            return column.substring(1);
        }
        return column;
    }

    private static boolean collides(String name) {
        if (!name.startsWith("_")) {
            return false;
        }
        int i = 0;
        while (i < name.length() && name.charAt(i) == '_') {
            i++;
        }
        return ALL.contains("_" + name.substring(i));
    }
}
