package io.fmslake.collector.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * {@code _lake/groups/<group id>.json}: proof that the collector group has started on this lake before, created
 * once (put-if-absent) at the group's first start, or at the first start of a version that knows it when the group
 * already had committed offsets. Its start offsets are the points from which the group is responsible for each
 * partition (the backfill hand-over, or the committed offsets when it was written); a partition it does not list
 * appeared later.
 *
 * @param group       the consumer group
 * @param topic       the topic it consumes
 * @param created     when the marker was written
 * @param by          which collector instance wrote it
 * @param reason      why it was written: {@code first start}, {@code committed offsets} or {@code lake history}
 * @param startOffset the START_OFFSET setting of its writer
 * @param starts      partition to the offset the group is responsible from
 */
record GroupMarker(
        String group,
        String topic,
        Instant created,
        String by,
        String reason,
        String startOffset,
        Map<Integer, Long> starts) {
    static final String PREFIX = "_lake/groups/";
    private static final ObjectMapper JSON = new ObjectMapper();

    GroupMarker {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(created, "created");
        starts = Collections.unmodifiableSortedMap(new TreeMap<>(starts));
    }

    /** The object key of a group's marker (the group id URL-encoded, so any id makes one key under the prefix). */
    static String key(String group) {
        return PREFIX + URLEncoder.encode(group, StandardCharsets.UTF_8) + ".json";
    }

    /** The offset the group is responsible from in the partition, if the marker lists it. */
    OptionalLong start(int partition) {
        Long s = starts.get(partition);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s);
    }

    byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("group", group);
        node.put("topic", topic);
        node.put("created", created.toString());
        node.put("by", by);
        node.put("reason", reason);
        node.put("startOffset", startOffset);
        ObjectNode s = node.putObject("starts");
        starts.forEach((p, o) -> s.put(Integer.toString(p), o));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a marker. One that cannot be read still proves the group started before; it then lists no starts
     * (every partition without a committed offset is resumed from the lake, or from its earliest offset).
     */
    static GroupMarker fromJson(String group, byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            Map<Integer, Long> starts = new TreeMap<>();
            node.path("starts")
                    .properties()
                    .forEach(e -> starts.put(
                            Integer.parseInt(e.getKey()), e.getValue().asLong()));
            return new GroupMarker(
                    node.path("group").asText(group),
                    node.path("topic").asText(""),
                    Instant.parse(node.path("created").asText()),
                    node.path("by").asText("?"),
                    node.path("reason").asText("?"),
                    node.path("startOffset").asText("?"),
                    starts);
        } catch (IOException | DateTimeException | NumberFormatException e) {
            return new GroupMarker(
                    group, "", Instant.EPOCH, "?", "unreadable marker: " + e.getMessage(), "?", Map.of());
        }
    }
}
