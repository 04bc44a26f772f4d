package io.fmslake.backfill.bench;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.DuckDb;
import io.fmslake.testkit.TempDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the lake back after the benchmark, independently of the backfill's code: the bucket listing per tier, and
 * every row through DuckDB (footer row counts, rows, distinct coordinates).
 */
final class BenchLake {
    static final List<String> TIERS = List.of("week", "day", "hour", "minute", "errors");

    /** What the lake holds. */
    record Check(
            Map<String, Integer> files,
            Map<String, Long> bytes,
            long footerRows,
            long rows,
            long distinct,
            long deadLetters) {}

    private BenchLake() {}

    static Check check(ObjectStore store) {
        Path dir = TempDirs.create("backfill-bench-lake-");
        try {
            Map<String, Integer> files = new LinkedHashMap<>();
            Map<String, Long> bytes = new LinkedHashMap<>();
            List<String> rowFiles = new ArrayList<>();
            List<String> errorFiles = new ArrayList<>();
            for (String tier : TIERS) {
                List<StoredObject> objects = store.list(tier + "/");
                files.put(tier, objects.size());
                bytes.put(tier, objects.stream().mapToLong(StoredObject::size).sum());
                for (StoredObject o : objects) {
                    Path local = dir.resolve(o.key().replace('/', '_'));
                    store.download(o.key(), local);
                    (tier.equals("errors") ? errorFiles : rowFiles).add("'" + local.toAbsolutePath() + "'");
                }
            }
            try (DuckDb duck = DuckDb.open()) {
                long footer = rowFiles.isEmpty()
                        ? 0
                        : number(duck.query("SELECT sum(num_rows) AS n FROM " + "parquet_file_metadata(["
                                        + String.join(",", rowFiles) + "])")
                                .get(0)
                                .get("n"));
                Map<String, Object> counts = rowFiles.isEmpty()
                        ? Map.of("n", 0L, "d", 0L)
                        : duck.query(
                                        "SELECT count(*) AS n, count(DISTINCT (_kafka_partition, _kafka_offset)) AS d FROM read_parquet(["
                                                + String.join(",", rowFiles) + "], union_by_name = true)")
                                .get(0);
                long letters = errorFiles.isEmpty()
                        ? 0
                        : number(duck.query("SELECT count(*) AS n FROM read_parquet([" + String.join(",", errorFiles)
                                        + "], union_by_name = true)")
                                .get(0)
                                .get("n"));
                return new Check(files, bytes, footer, number(counts.get("n")), number(counts.get("d")), letters);
            }
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
