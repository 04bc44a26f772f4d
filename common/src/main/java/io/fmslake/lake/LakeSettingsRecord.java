package io.fmslake.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fmslake.config.ConfigException;
import io.fmslake.config.LakeSettings;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings that decide which file a record belongs to, recorded in the bucket when the lake is first written
 * ({@code _lake/settings.json}, put-if-absent by whichever service starts first) and compared by every service at
 * start: {@code KAFKA_TOPIC} (coordinates are unique per topic only, so a second topic's records would be taken for
 * records the lake already holds), {@code TIMEZONE} and {@code WEEK_START} (window boundaries and file names) and
 * {@code EVENT_TIME_FIELD} (the minute of each row). A mismatch refuses the start, naming every variable with the
 * bucket's value and the process's. A key the record lacks (a lake recorded by an older version) is added by
 * compare-and-swap; keys it holds that this version does not know are left alone.
 */
final class LakeSettingsRecord {
    static final String KEY = "_lake/settings.json";
    static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(LakeSettingsRecord.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAS_ATTEMPTS = 5;

    private final ObjectStore store;
    private final Clock clock;

    LakeSettingsRecord(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The recorded settings of this process, by variable name. */
    static Map<String, String> of(LakeSettings lake) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("KAFKA_TOPIC", lake.kafka().topic());
        m.put("TIMEZONE", lake.zone().getId());
        m.put("WEEK_START", lake.weekStart().name());
        m.put("EVENT_TIME_FIELD", lake.eventTimeField().orElse(""));
        return m;
    }

    /** Creates the record when absent, else compares; throws {@link ConfigException} listing every mismatch. */
    void ensure(Map<String, String> ours, String writer) {
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            Optional<StoredObject> stat = store.stat(KEY);
            if (stat.isEmpty()) {
                boolean existing = hasLakeFiles();
                if (store.putIfAbsent(KEY, render(ours, writer))) {
                    if (existing) {
                        LOG.warn(
                                "the lake in bucket {} has files but no {} (written before this version): recorded "
                                        + "the current settings {}; they must be the ones the lake was written with",
                                store.bucket(),
                                KEY,
                                ours);
                    } else {
                        LOG.info("recorded the lake's settings {} in {}", ours, KEY);
                    }
                    return;
                }
                continue; // another service created it meanwhile: compare with that
            }
            Map<String, String> recorded = read();
            throwOnMismatch(ours, recorded);
            if (recorded.keySet().containsAll(ours.keySet())) {
                return;
            }
            Map<String, String> completed = new LinkedHashMap<>(recorded);
            ours.forEach(completed::putIfAbsent);
            if (store.tryReplace(KEY, render(completed, writer), stat.get().etag())
                    .isPresent()) {
                LOG.warn("added {} to the lake's settings record {}", missing(ours, recorded), KEY);
                return;
            }
        }
        throw new IllegalStateException(KEY + " kept changing during " + CAS_ATTEMPTS + " attempts to read it");
    }

    /** Compares with the record if there is one (read-only: never writes). */
    void compare(Map<String, String> ours) {
        if (store.stat(KEY).isEmpty()) {
            LOG.info(
                    "no {} in bucket {} yet: the first service that writes will record the lake's settings",
                    KEY,
                    store.bucket());
            return;
        }
        throwOnMismatch(ours, read());
    }

    private void throwOnMismatch(Map<String, String> ours, Map<String, String> recorded) {
        List<String> errors = new ArrayList<>();
        ours.forEach((name, value) -> {
            String theirs = recorded.get(name);
            if (theirs != null && !theirs.equals(value)) {
                errors.add(
                        name + "=" + value + ": the lake in bucket " + store.bucket() + " was written with "
                                + name + "=" + theirs + " (recorded in " + KEY + "); it never changes under a lake: "
                                + "set it back, or start a new lake in a new bucket (docs/contract.md, \"Changing a lake's settings\")");
            }
        });
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }

    private Map<String, String> read() {
        JsonNode root;
        try (InputStream in = store.open(KEY)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw unreadable("is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + KEY, e);
        }
        if (root == null
                || !root.path("settings").isObject()
                || !root.path("format").canConvertToInt()) {
            throw unreadable("has no \"format\" and \"settings\"");
        }
        if (root.get("format").asInt() > FORMAT) {
            throw unreadable("has format " + root.get("format").asInt() + ", written by a newer version of the "
                    + "services (this one reads format " + FORMAT + "): upgrade this service");
        }
        Map<String, String> out = new LinkedHashMap<>();
        root.get("settings")
                .fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private ConfigException unreadable(String why) {
        return new ConfigException(
                List.of("MINIO_BUCKET=" + store.bucket() + ": the lake's settings record " + KEY + " " + why));
    }

    private byte[] render(Map<String, String> settings, String writer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode s = root.putObject("settings");
        settings.forEach(s::put);
        root.put("recordedBy", writer);
        root.put("recordedAt", clock.instant().toString());
        root.put(
                "note",
                "Settings that decide which file a record belongs to. Every service compares them at start "
                        + "and refuses to run on a mismatch. They never change under a lake: see docs/contract.md, \"Changing a "
                        + "lake's settings\".");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean hasLakeFiles() {
        for (String folder : List.of("week/", "day/", "hour/", "minute/", "errors/")) {
            if (!store.list(folder).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> missing(Map<String, String> ours, Map<String, String> recorded) {
        return ours.keySet().stream().filter(k -> !recorded.containsKey(k)).toList();
    }
}
