package io.fmslake.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offsets {@code [from, to)} of one partition that Kafka deleted (retention) before the collector read them: the
 * collector records each one it meets as {@code _lake/gaps/p<P>-<from>-<to>.json} (put-if-absent; the key depends
 * only on the range, so replicas and restarts meeting the same gap write it once), and {@code verify} reports them.
 *
 * @param partition the Kafka partition
 * @param from      the first offset lost (the position the collector had to resume from)
 * @param to        the log start offset it resumed at instead (exclusive)
 * @param recorded  when the collector recorded the gap
 * @param by        which collector instance recorded it, and why
 */
public record RetentionGap(int partition, long from, long to, Instant recorded, String by) {
    public static final String PREFIX = "_lake/gaps/";
    private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "p(\\d+)-(\\d+)-(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    public RetentionGap {
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(by, "by");
        if (partition < 0 || from < 0 || to <= from) {
            throw new IllegalArgumentException("not a gap: partition " + partition + " [" + from + ", " + to + ")");
        }
    }

    /** Number of offsets in the gap (transaction markers included: Kafka gives them offsets too). */
    public long offsets() {
        return to - from;
    }

    public String key() {
        return PREFIX + "p" + partition + "-" + from + "-" + to + ".json";
    }

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("partition", partition);
        node.put("from", from);
        node.put("to", to);
        node.put("offsets", offsets());
        node.put("recorded", recorded.toString());
        node.put("by", by);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Every gap recorded in the bucket, by key order. The range comes from the key (what the writers agree on);
     * the body only adds when and by whom, and a body that cannot be read leaves those unknown.
     */
    public static List<RetentionGap> list(ObjectStore store) {
        List<RetentionGap> gaps = new ArrayList<>();
        for (StoredObject o : store.list(PREFIX)) {
            Matcher m = KEY.matcher(o.key());
            if (m.matches()) {
                gaps.add(new RetentionGap(
                        Integer.parseInt(m.group(1)),
                        Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)),
                        o.lastModified(),
                        by(store, o.key())));
            }
        }
        return gaps;
    }

    private static String by(ObjectStore store, String key) {
        try (InputStream in = store.open(key)) {
            JsonNode node = JSON.readTree(in);
            return node.path("by").asText("?");
        } catch (IOException | RuntimeException e) {
            return "? (" + e + ")";
        }
    }
}
