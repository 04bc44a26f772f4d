package io.fmslake.testkit;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The dead letters under {@code errors/}, read back through DuckDB: offset to reasons, per partition. */
public final class DeadLetterReasons {
    private DeadLetterReasons() {}

    /**
     * Offset to the reasons of every dead letter of {@code partition} (one entry per copy, so a letter written twice
     * shows two reasons).
     */
    public static Map<Long, List<String>> of(ObjectStore store, int partition) {
        List<String> files = new ArrayList<>();
        try {
            Path dir = Files.createTempDirectory("dead-letters-");
            for (StoredObject o : store.list("errors/")) {
                Path local = dir.resolve(o.key().replace('/', '_'));
                store.download(o.key(), local);
                files.add("'" + local.toAbsolutePath() + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Long, List<String>> out = new TreeMap<>();
        if (files.isEmpty()) {
            return out;
        }
        try (DuckDb db = DuckDb.open()) {
            for (Map<String, Object> r : db.query(
                    "SELECT _kafka_offset o, _reason r FROM read_parquet([" + String.join(",", files)
                            + "]) WHERE _kafka_partition = ? ORDER BY o",
                    partition)) {
                out.computeIfAbsent(((Number) r.get("o")).longValue(), o -> new ArrayList<>())
                        .add((String) r.get("r"));
            }
        }
        return out;
    }
}
