/**
 * Kafka records as lake rows.
 *
 * <p>{@link io.fmslake.row.RecordDecoder} parses a record value with Jackson's streaming parser straight into a
 * {@link io.fmslake.row.JsonObject} (no tree, no Avro record) and yields a {@link io.fmslake.row.Row} or a
 * {@link io.fmslake.deadletter.DeadLetter}; it never throws. Decisions:
 * <ul>
 * <li>Numbers are never rounded silently: an integer within int64 is a Long, a larger one keeps its JSON text
 * (a String); a fractional number is a Double when the double equals it as written, else its JSON text.</li>
 * <li>Duplicate keys in one object are a dead letter ({@code duplicate_key}): keeping either value would drop
 * the other. Nesting deeper than 200 levels is {@code not_json}.</li>
 * <li>Event time: the Kafka timestamp, or {@code EVENT_TIME_FIELD} (top-level name or dotted path): ISO-8601
 * with offset or Z, a local date-time or date read in {@code TIMEZONE} (DST gap: moved forward; overlap:
 * earlier offset), or epoch seconds (|v| &lt; 10^11) / millis as a number or numeric string.</li>
 * <li>The key is decoded as UTF-8 with malformed bytes replaced (dead letters keep the key's raw bytes).</li>
 * </ul>
 *
 * <p>A decoded row also carries its payload packed ({@link io.fmslake.row.PackedJson}): rows that wait (the
 * collector's minute buffers, the backfill's spilled runs) keep only that form and unpack it when written.
 */
package io.fmslake.row;
