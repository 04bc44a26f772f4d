package io.fmslake.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fmslake.row.OffsetSet;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.window.WindowCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dead-letter file the merger deleted because {@code DEAD_LETTER_RETENTION} had passed since its window ended,
 * recorded <b>before</b> the delete as {@code _lake/expired/<file key>-<16 hex digits of SHA-256 over its
 * coordinates>.json} (put-if-absent: the key stands for the file and its content, so a rerun after a crash writes the
 * same object once). {@code verify} counts a coordinate Kafka still holds, that no lake file holds and that a record
 * lists, as an expired dead letter, not as missing.
 *
 * @param file      the dead-letter file's key
 * @param offsets   its Kafka coordinates, {@link OffsetSet#encode() encoded}
 * @param expired   when the merger expired it
 * @param retention the retention in force then
 */
public record ExpiredDeadLetters(String file, String offsets, Instant expired, Duration retention) {
    public static final String PREFIX = "_lake/expired/";
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredDeadLetters.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public ExpiredDeadLetters {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(expired, "expired");
        Objects.requireNonNull(retention, "retention");
    }

    public OffsetSet coordinates() {
        return OffsetSet.decode(offsets);
    }

    public String key() {
        String name = file.endsWith(".parquet") ? file.substring(0, file.length() - ".parquet".length()) : file;
        return PREFIX + name + "-" + WindowCodec.digest(offsets) + ".json";
    }

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("file", file);
        node.put("offsets", offsets);
        node.put("dead_letters", coordinates().count());
        node.put("expired", expired.toString());
        node.put("retention", retention.toString());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static ExpiredDeadLetters fromJson(InputStream in) throws IOException {
        JsonNode node = JSON.readTree(in);
        return new ExpiredDeadLetters(
                node.path("file").asText(),
                node.path("offsets").asText(),
                Instant.parse(node.path("expired").asText()),
                Duration.parse(node.path("retention").asText()));
    }

    /**
     * Every record in the bucket, in key order. A record that cannot be read is skipped with a warning: its
     * coordinates then count as missing, never the other way round.
     */
    public static List<ExpiredDeadLetters> list(ObjectStore store) {
        List<ExpiredDeadLetters> out = new ArrayList<>();
        for (StoredObject o : store.list(PREFIX)) {
            try (InputStream in = store.open(o.key())) {
                out.add(fromJson(in));
            } catch (IOException | UncheckedIOException | IllegalArgumentException | java.time.DateTimeException e) {
                LOG.warn("ignoring {}: not a record of expired dead letters ({})", o.key(), e.getMessage());
            }
        }
        return out;
    }
}
