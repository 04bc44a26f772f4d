package io.fmslake.parquet;

import io.fmslake.row.OffsetSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a lake file holds, as recorded in its footer key-value metadata: row count, the Kafka coordinates, the
 * event-time range (epoch millis; for an empty file min = Long.MAX_VALUE, max = Long.MIN_VALUE) and the topic.
 * Dead-letter files record Kafka timestamps as their event times.
 */
public record FileSummary(long rows, OffsetSet offsets, long minEventTime, long maxEventTime, String topic) {
    public static final String ROWS = "fms.rows";
    public static final String OFFSETS = "fms.offsets";
    public static final String EVENT_TIME_MIN = "fms.event_time_min";
    public static final String EVENT_TIME_MAX = "fms.event_time_max";
    public static final String TOPIC = "fms.topic";
    public static final String FORMAT_VERSION = "fms.format_version";
    /** The lake schema JSON ({@link io.fmslake.schema.LakeSchema#toJson()}), written by the row writer. */
    public static final String SCHEMA = "fms.schema";

    public static final String CURRENT_FORMAT_VERSION = "1";
    /** What the file holds: {@value #CONTENT_ROWS} or {@value #CONTENT_DEAD_LETTERS}. */
    public static final String CONTENT = "fms.content";

    public static final String CONTENT_ROWS = "rows";
    public static final String CONTENT_DEAD_LETTERS = "dead_letters";

    public FileSummary {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(topic, "topic");
    }

    /** The summary of a file holding the rows of both (e.g. a merge of two files of one topic). */
    public FileSummary plus(FileSummary other) {
        if (!topic.equals(other.topic)) {
            throw new IllegalArgumentException("topics differ: " + topic + " and " + other.topic);
        }
        OffsetSet union = new OffsetSet();
        union.addAll(offsets);
        union.addAll(other.offsets);
        return new FileSummary(
                rows + other.rows,
                union,
                Math.min(minEventTime, other.minEventTime),
                Math.max(maxEventTime, other.maxEventTime),
                topic);
    }

    /** The footer entries, in a fixed order. */
    public Map<String, String> toFooter() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT_VERSION, CURRENT_FORMAT_VERSION);
        m.put(TOPIC, topic);
        m.put(ROWS, Long.toString(rows));
        m.put(EVENT_TIME_MIN, Long.toString(minEventTime));
        m.put(EVENT_TIME_MAX, Long.toString(maxEventTime));
        m.put(OFFSETS, offsets.encode());
        return m;
    }

    /** Reads {@link #toFooter()}'s entries. @throws IllegalArgumentException when a key is missing or malformed */
    public static FileSummary fromFooter(Map<String, String> footer) {
        String version = require(footer, FORMAT_VERSION);
        if (!CURRENT_FORMAT_VERSION.equals(version)) {
            throw new IllegalArgumentException("unsupported " + FORMAT_VERSION + " " + version);
        }
        try {
            return new FileSummary(
                    Long.parseLong(require(footer, ROWS)),
                    OffsetSet.decode(require(footer, OFFSETS)),
                    Long.parseLong(require(footer, EVENT_TIME_MIN)),
                    Long.parseLong(require(footer, EVENT_TIME_MAX)),
                    require(footer, TOPIC));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed footer number: " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> footer, String key) {
        String v = footer.get(key);
        if (v == null) {
            throw new IllegalArgumentException("footer has no " + key);
        }
        return v;
    }
}
