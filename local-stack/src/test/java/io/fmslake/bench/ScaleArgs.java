package io.fmslake.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scale benchmark's sizes, from {@code name=value} arguments, with the limits derived from them so that the
 * mechanisms engage at any size: {@code TARGET_FILE_BYTES} three bytes per record of a day, at least 4 MiB (a day
 * several parts, a week tens), {@code ROW_GROUP_BYTES} a quarter of it, {@code MERGE_SCRATCH_BYTES} twice that (less than one day), each backfill pod loading its share in
 * {@code chunks} chunks. All errors are reported at once.
 *
 * @param records       records of history
 * @param days          event-time span of the history, ending now
 * @param partitions    partitions of the topic
 * @param pods          backfill pods ({@code BACKFILL_SHARDS})
 * @param chunks        chunks per backfill pod ({@code BACKFILL_CHUNK_RECORDS} = records / pods / chunks)
 * @param replicas      collector replicas
 * @param liveSeconds   how long live traffic runs
 * @param liveRate      live records per second (event time = now)
 * @param late          late records into an old minute of the merged week
 * @param mergeShards   merger pods per catch-up level ({@code MERGE_SHARDS})
 * @param targetBytes   {@code TARGET_FILE_BYTES}
 * @param scratchBytes  {@code MERGE_SCRATCH_BYTES}
 * @param bufferBytes   the collectors' {@code BUFFER_MAX_BYTES}
 * @param backfillHeap  {@code -Xmx} of a backfill pod, MiB
 * @param collectorHeap {@code -Xmx} of a collector replica, MiB
 * @param mergerHeap    {@code -Xmx} of a merger pod, MiB
 */
record ScaleArgs(
        long records,
        int days,
        int partitions,
        int pods,
        int chunks,
        int replicas,
        int liveSeconds,
        int liveRate,
        int late,
        int mergeShards,
        long targetBytes,
        long scratchBytes,
        long bufferBytes,
        int backfillHeap,
        int collectorHeap,
        int mergerHeap) {

    /** The smallest {@code TARGET_FILE_BYTES} the services accept. */
    static final long MIN_TARGET = 64L << 10;
    /** The smallest {@code ROW_GROUP_BYTES} the services accept. */
    static final long MIN_ROW_GROUP = 1L << 20;
    /** The smallest default target: four row groups of the smallest size, as the defaults are (128 MiB, 512 MiB). */
    static final long MIN_DEFAULT_TARGET = 4 * MIN_ROW_GROUP;
    /** The Indexed Job's emptyDir per pod (16 GiB) for its chunk of 20,000,000 records: the disk budget per record. */
    static final double SPILL_BYTES_PER_CHUNK_RECORD = (16.0 * (1L << 30)) / 20_000_000;
    /** The collector's emptyDir (/tmp) in the Deployment. */
    static final long COLLECTOR_DISK = 1L << 30;

    private static final Set<String> NAMES = Set.of(
            "records",
            "days",
            "partitions",
            "pods",
            "chunks",
            "replicas",
            "liveSeconds",
            "liveRate",
            "late",
            "mergeShards",
            "target",
            "scratch",
            "buffer",
            "backfillHeap",
            "collectorHeap",
            "mergerHeap");

    /** Parses {@code name=value} words; throws {@link IllegalArgumentException} naming every bad one. */
    static ScaleArgs parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0 || !NAMES.contains(a.substring(0, eq))) {
                errors.add("unknown argument '" + a + "' (known: "
                        + String.join(", ", NAMES.stream().sorted().toList()) + ")");
            } else {
                given.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        Reader r = new Reader(given, errors);
        long records = r.number("records", 20_000_000, 1000);
        int days = (int) r.number("days", 9, 8);
        long perDayTarget = Math.max(MIN_DEFAULT_TARGET, records / Math.max(days, 1) * 3);
        long target = r.number("target", perDayTarget, MIN_TARGET);
        long scratch = r.number("scratch", 2 * target, MIN_TARGET);
        if (scratch < target * 5 / 4) {
            errors.add("scratch=" + scratch + ": must be at least five quarters of target (" + target * 5 / 4 + ")");
        }
        ScaleArgs a = new ScaleArgs(
                records,
                days,
                (int) r.number("partitions", 64, 1),
                (int) r.number("pods", 4, 1),
                (int) r.number("chunks", 2, 1),
                (int) r.number("replicas", 3, 1),
                (int) r.number("liveSeconds", 120, 0),
                (int) r.number("liveRate", 5000, 1),
                (int) r.number("late", 2000, 1),
                (int) r.number("mergeShards", 2, 1),
                target,
                scratch,
                r.number("buffer", 16L << 20, 1L << 20),
                (int) r.number("backfillHeap", 768, 64),
                (int) r.number("collectorHeap", 256, 64),
                (int) r.number("mergerHeap", 512, 64));
        if (a.replicas > a.partitions) {
            errors.add("replicas=" + a.replicas + ": more than partitions=" + a.partitions + " (idle replicas)");
        }
        if (a.pods > a.partitions) {
            errors.add("pods=" + a.pods + ": more than partitions=" + a.partitions + " (a pod with nothing to load)");
        }
        if (a.bufferBytes * 4 > (long) a.collectorHeap << 20) {
            errors.add(
                    "buffer=" + a.bufferBytes + ": more than a quarter of collectorHeap=" + a.collectorHeap + " MiB");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return a;
    }

    /** {@code BACKFILL_CHUNK_RECORDS}: a pod's share of the history in {@link #chunks} chunks. */
    long chunkRecords() {
        long perPod = (records + pods - 1) / pods;
        return (perPod + chunks - 1) / chunks;
    }

    /**
     * {@code ROW_GROUP_BYTES}: a quarter of the target, as the defaults are, and at least 1 MiB. A part is cut when
     * the bytes written plus the row group still buffered (uncompressed) reach the target, so a target below the row
     * group size makes parts of the row group's compressed size, a few times smaller than the target: all of them
     * then count as small for the fold rule, and every fold rewrites the whole window.
     */
    long rowGroupBytes() {
        return Math.max(MIN_ROW_GROUP, targetBytes / 4);
    }

    /** A backfill pod's disk budget: the Indexed Job's emptyDir scaled to this chunk size. */
    long backfillDiskBudget() {
        return (long) (chunkRecords() * SPILL_BYTES_PER_CHUNK_RECORD);
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "records=%d days=%d partitions=%d pods=%d (BACKFILL_CHUNK_RECORDS=%d) "
                        + "replicas=%d liveSeconds=%d liveRate=%d late=%d mergeShards=%d TARGET_FILE_BYTES=%d "
                        + "MERGE_SCRATCH_BYTES=%d ROW_GROUP_BYTES=%d BUFFER_MAX_BYTES=%d heaps: backfill %dm, collector %dm, merger %dm",
                records,
                days,
                partitions,
                pods,
                chunkRecords(),
                replicas,
                liveSeconds,
                liveRate,
                late,
                mergeShards,
                targetBytes,
                scratchBytes,
                rowGroupBytes(),
                bufferBytes,
                backfillHeap,
                collectorHeap,
                mergerHeap);
    }

    /** Reads one numeric argument, collecting errors. */
    private record Reader(Map<String, String> given, List<String> errors) {
        long number(String name, long fallback, long min) {
            String v = given.get(name);
            if (v == null) {
                return fallback;
            }
            try {
                long n = bytes(v);
                if (n < min) {
                    errors.add(name + "=" + v + ": must be at least " + min);
                    return fallback;
                }
                return n;
            } catch (NumberFormatException e) {
                errors.add(name + "=" + v + ": not a number (suffixes KiB, MiB, GiB allowed)");
                return fallback;
            }
        }

        private static long bytes(String v) {
            String t = v.trim();
            for (String[] unit : new String[][] {{"KiB", "10"}, {"MiB", "20"}, {"GiB", "30"}}) {
                if (t.endsWith(unit[0])) {
                    return Long.parseLong(t.substring(0, t.length() - 3).trim()) << Integer.parseInt(unit[1]);
                }
            }
            return Long.parseLong(t.replace("_", ""));
        }
    }
}
