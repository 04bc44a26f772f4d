package io.fmslake.collector;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.DuckDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the whole lake back through DuckDB and counts records by Kafka coordinates: every Parquet file under
 * minute/, hour/, day/, week/ and errors/ is downloaded and read, rows and dead letters alike.
 */
public final class LakeAudit {
    private static final List<String> FOLDERS = List.of("minute/", "hour/", "day/", "week/", "errors/");

    /**
     * @param records   rows plus dead letters found
     * @param distinct  distinct (partition, offset) among them
     * @param perPartition partition to {count distinct, min offset, max offset}
     * @param keys      the object keys read
     * @param ranges    partition to its offsets as contiguous inclusive {from, to} ranges, ascending
     */
    public record Result(
            long records,
            long distinct,
            Map<Integer, long[]> perPartition,
            List<String> keys,
            Map<Integer, List<long[]>> ranges) {
        public boolean noDuplicates() {
            return records == distinct;
        }

        /** True when every offset in [begin, end) of every partition is present; offsets outside may be too. */
        public boolean holds(Map<Integer, Long> begin, Map<Integer, Long> end) {
            for (Map.Entry<Integer, Long> e : end.entrySet()) {
                long from = begin.getOrDefault(e.getKey(), 0L);
                long to = e.getValue();
                if (to > from
                        && ranges.getOrDefault(e.getKey(), List.of()).stream()
                                .noneMatch(r -> r[0] <= from && r[1] >= to - 1)) {
                    return false;
                }
            }
            return true;
        }

        /** The ranges of one partition as text, e.g. {@code [0-99, 150-199]}. */
        public String ranges(int partition) {
            return ranges.getOrDefault(partition, List.of()).stream()
                    .map(r -> r[0] + "-" + r[1])
                    .collect(Collectors.joining(", ", "[", "]"));
        }

        /** True when every offset in [begin, end) of every partition is present (contiguous offsets). */
        public boolean complete(Map<Integer, Long> begin, Map<Integer, Long> end) {
            for (Map.Entry<Integer, Long> e : end.entrySet()) {
                long from = begin.getOrDefault(e.getKey(), 0L);
                long expected = e.getValue() - from;
                long[] got = perPartition.get(e.getKey());
                if (expected == 0) {
                    continue;
                }
                if (got == null || got[0] != expected || got[1] != from || got[2] != e.getValue() - 1) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "records=" + records + " distinct=" + distinct + " partitions="
                    + perPartition.entrySet().stream()
                            .map(e -> e.getKey() + ":" + e.getValue()[0] + "[" + e.getValue()[1] + ".."
                                    + e.getValue()[2] + "]")
                            .collect(Collectors.joining(","))
                    + " files=" + keys.size();
        }
    }

    private LakeAudit() {}

    public static Result of(ObjectStore store, Path workDir) {
        try {
            Path dir = Files.createTempDirectory(workDir, "audit-");
            List<String> keys = new ArrayList<>();
            List<String> rowFiles = new ArrayList<>();
            List<String> errorFiles = new ArrayList<>();
            for (String folder : FOLDERS) {
                for (StoredObject o : store.list(folder)) {
                    if (!o.key().endsWith(".parquet")) {
                        continue;
                    }
                    Path local = dir.resolve(o.key().replace('/', '_'));
                    store.download(o.key(), local);
                    keys.add(o.key());
                    (folder.equals("errors/") ? errorFiles : rowFiles).add("'" + local + "'");
                }
            }
            List<String> selects = new ArrayList<>();
            if (!rowFiles.isEmpty()) {
                selects.add("SELECT _kafka_partition p, _kafka_offset o FROM read_parquet(["
                        + String.join(",", rowFiles) + "], union_by_name=true)");
            }
            if (!errorFiles.isEmpty()) {
                selects.add("SELECT _kafka_partition p, _kafka_offset o FROM read_parquet(["
                        + String.join(",", errorFiles) + "], union_by_name=true)");
            }
            if (selects.isEmpty()) {
                return new Result(0, 0, Map.of(), keys, Map.of());
            }
            String all = "(" + String.join(" UNION ALL ", selects) + ")";
            try (DuckDb db = DuckDb.open()) {
                long records = ((Number) db.scalar("SELECT count(*) FROM " + all)).longValue();
                long distinct = ((Number) db.scalar("SELECT count(*) FROM (SELECT DISTINCT p, o FROM " + all + ")"))
                        .longValue();
                Map<Integer, long[]> per = new TreeMap<>();
                for (Map<String, Object> r :
                        db.query("SELECT p, count(DISTINCT o) n, min(o) lo, max(o) hi FROM " + all + " GROUP BY p")) {
                    per.put(((Number) r.get("p")).intValue(), new long[] {
                        ((Number) r.get("n")).longValue(),
                        ((Number) r.get("lo")).longValue(),
                        ((Number) r.get("hi")).longValue()
                    });
                }
                Map<Integer, List<long[]>> ranges = new TreeMap<>();
                // gaps and islands: consecutive offsets share offset minus rank
                for (Map<String, Object> r : db.query("SELECT p, min(o) lo, max(o) hi FROM (SELECT p, o, "
                        + "o - row_number() OVER (PARTITION BY p ORDER BY o) g FROM (SELECT DISTINCT p, o FROM " + all
                        + ")) GROUP BY p, g ORDER BY p, lo")) {
                    ranges.computeIfAbsent(((Number) r.get("p")).intValue(), k -> new ArrayList<>())
                            .add(new long[] {((Number) r.get("lo")).longValue(), ((Number) r.get("hi")).longValue()});
                }
                return new Result(records, distinct, per, keys, ranges);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
