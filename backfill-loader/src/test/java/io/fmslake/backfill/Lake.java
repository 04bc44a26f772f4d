package io.fmslake.backfill;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.DuckDb;
import io.fmslake.testkit.TempDirs;
import io.fmslake.window.LakeKey;
import io.fmslake.window.WindowCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the bucket holds, read back independently: the listing, and every row through DuckDB. */
final class Lake {
    /** One row as DuckDB reads it: coordinates, event time and the key of the file holding it. */
    record Row(int partition, long offset, long eventTime, String key) {
        long coord() {
            return History.coord(partition, offset);
        }
    }

    private final ObjectStore store;
    private final WindowCodec codec;

    Lake(ObjectStore store, WindowCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    /** Every lake object (tiers and errors/) by key, with size and ETag. */
    Map<String, StoredObject> listing() {
        Map<String, StoredObject> out = new TreeMap<>();
        for (String folder : List.of("minute/", "hour/", "day/", "week/", "errors/")) {
            store.list(folder).forEach(o -> out.put(o.key(), o));
        }
        return out;
    }

    /** Keys of one folder ({@code minute}, {@code hour}, ...). */
    List<String> keys(String folder) {
        return store.list(folder + "/").stream().map(StoredObject::key).toList();
    }

    /** Every row of the four tiers, read by DuckDB from downloaded copies. */
    List<Row> rows() {
        return read(List.of("minute/", "hour/", "day/", "week/"));
    }

    /** Every dead letter under errors/, read by DuckDB. */
    List<Row> deadLetters() {
        return read(List.of("errors/"));
    }

    private List<Row> read(List<String> folders) {
        Path dir;
        try {
            dir = Files.createTempDirectory("lake-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> keyOf = new TreeMap<>();
        List<String> files = new ArrayList<>();
        for (String folder : folders) {
            for (StoredObject o : store.list(folder)) {
                if (codec.parse(o.key()).isEmpty()) {
                    throw new AssertionError("not a lake file name: " + o.key());
                }
                Path local = dir.resolve(o.key().replace('/', '_'));
                store.download(o.key(), local);
                keyOf.put(local.toAbsolutePath().toString(), o.key());
                files.add("'" + local.toAbsolutePath() + "'");
            }
        }
        if (files.isEmpty()) {
            return List.of();
        }
        boolean errors = folders.contains("errors/");
        String sql = "SELECT _kafka_partition AS p, _kafka_offset AS o, epoch_ms("
                + (errors ? "_kafka_timestamp" : "_event_time") + ") AS t, filename FROM read_parquet(["
                + String.join(",", files) + "], union_by_name = true, filename = true)";
        try (DuckDb duck = DuckDb.open()) {
            return duck.query(sql).stream()
                    .map(r -> new Row(
                            ((Number) r.get("p")).intValue(),
                            ((Number) r.get("o")).longValue(),
                            ((Number) r.get("t")).longValue(),
                            keyOf.get((String) r.get("filename"))))
                    .collect(Collectors.toList());
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }

    LakeKey parse(String key) {
        return codec.parse(key).orElseThrow(() -> new AssertionError("not a lake key: " + key));
    }
}
