package io.fmslake.backfill;

import io.fmslake.backfill.load.Shard;
import io.fmslake.config.EnvReader;
import io.fmslake.config.LakeSettings;
import io.fmslake.merge.FileSizes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the backfill reads from the environment: the shared {@link LakeSettings} (whose
 * {@code KAFKA_GROUP_ID} defaults to {@value #DEFAULT_GROUP_ID}, the backfill's own group, which records the
 * range a finished run loaded) plus the backfill's own extras.
 *
 * @param collectorGroupId  the realtime collector's group: its committed offsets are the hand-over point
 * @param spillDir          local directory for sorted run files (a sub-directory per run, removed at the end); with
 *                          several shards, {@code shard-<index>} below {@code BACKFILL_SPILL_DIR}, so that pods
 *                          sharing a disk (local runs) never clear each other's runs
 * @param bufferBytes       memory budget for buffered rows before a sorted run is spilled
 * @param workers           decode and write threads
 * @param handoverWait      how long to wait for the collector group's committed offsets to appear
 * @param progressInterval  how often a progress line is logged when not on a terminal
 * @param leaseTtl          the merge lease's time to live (must agree with the merger's)
 * @param leaseWait         how long to wait for a merge lease held by someone else
 * @param rowGroupBytes     row group size of targets the merge engine re-encodes (as the merger's)
 * @param byteCopyMinRowGroupBytes the merge engine byte-copies only row groups at least this large (as the merger's)
 * @param sizes             {@code TARGET_FILE_BYTES} and {@code MERGE_SCRATCH_BYTES} of its merges (as the merger's)
 * @param chunkRecords      offsets loaded per chunk: each chunk is read, spilled, published and then committed for
 *                          the backfill's own group, so a restarted pod resumes after the last committed chunk
 * @param shard             which partitions this pod loads ({@code JOB_COMPLETION_INDEX} of {@code BACKFILL_SHARDS})
 */
public record BackfillSettings(
        LakeSettings lake,
        String collectorGroupId,
        Path spillDir,
        long bufferBytes,
        int workers,
        Duration handoverWait,
        Duration progressInterval,
        Duration leaseTtl,
        Duration leaseWait,
        long rowGroupBytes,
        long byteCopyMinRowGroupBytes,
        FileSizes sizes,
        long chunkRecords,
        Shard shard) {

    public static final String DEFAULT_GROUP_ID = "fms-backfill-loader";
    public static final String DEFAULT_COLLECTOR_GROUP_ID = "fms-realtime-collector";
    public static final String SHARDS = "BACKFILL_SHARDS";
    /** Set by Kubernetes in every pod of an Indexed Job ({@code completionMode: Indexed}). */
    public static final String INDEX = "JOB_COMPLETION_INDEX";

    public static final int DEFAULT_CHUNK_RECORDS = 20_000_000;

    /** Reads every variable, then fails with every error at once. */
    public static BackfillSettings fromEnv(Map<String, String> env, long maxHeapBytes, int processors) {
        EnvReader reader = new EnvReader(env);
        BackfillSettings settings = read(reader, maxHeapBytes, processors);
        reader.throwIfInvalid();
        return settings;
    }

    /** Reads every variable into {@code reader}, which collects the errors; the caller checks them. */
    public static BackfillSettings read(EnvReader reader, long maxHeapBytes, int processors) {
        LakeSettings lake = LakeSettings.read(reader, DEFAULT_GROUP_ID);
        String collectorGroup = reader.string("COLLECTOR_GROUP_ID", DEFAULT_COLLECTOR_GROUP_ID);
        reader.check(
                !collectorGroup.equals(lake.kafka().groupId()),
                "COLLECTOR_GROUP_ID",
                collectorGroup,
                "must differ from KAFKA_GROUP_ID (the backfill's own group)");
        Path spill = Path.of(reader.string(
                "BACKFILL_SPILL_DIR",
                Path.of(System.getProperty("java.io.tmpdir"), "fms-backfill").toString()));
        Shard shard = shard(reader);
        if (shard.count() > 1) {
            spill = spill.resolve("shard-" + shard.index());
        }
        long bufferDefault = Math.max(16L << 20, maxHeapBytes * 35 / 100);
        long buffer = reader.bytes("BACKFILL_BUFFER_BYTES", bufferDefault, 4L << 20, 64L << 30);
        reader.check(
                buffer <= maxHeapBytes / 2,
                "BACKFILL_BUFFER_BYTES",
                buffer,
                "must be at most half the heap (" + (maxHeapBytes >> 20) + " MiB): raise -Xmx or lower the budget");
        int workers = reader.integer("BACKFILL_WORKERS", Math.max(1, processors), 1, 64);
        Duration handover =
                reader.duration("HANDOVER_WAIT", Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(24));
        Duration progress = reader.duration(
                "PROGRESS_INTERVAL", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofHours(1));
        Duration ttl = reader.duration("LEASE_TTL", Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofHours(1));
        Duration wait = reader.duration("LEASE_WAIT", Duration.ofMinutes(15), Duration.ZERO, Duration.ofHours(6));
        FileSizes sizes = FileSizes.read(reader);
        long rowGroup = sizes.readRowGroupBytes(reader);
        long copyMin = reader.bytes("BYTE_COPY_MIN_ROW_GROUP_BYTES", 8L << 20, 0, 1L << 30);
        long chunk = reader.integer("BACKFILL_CHUNK_RECORDS", DEFAULT_CHUNK_RECORDS, 100, Integer.MAX_VALUE);
        return new BackfillSettings(
                lake,
                collectorGroup,
                spill,
                buffer,
                workers,
                handover,
                progress,
                ttl,
                wait,
                rowGroup,
                copyMin,
                sizes,
                chunk,
                shard);
    }

    /**
     * {@code BACKFILL_SHARDS} (default 1) and {@code JOB_COMPLETION_INDEX}, which Kubernetes sets in an Indexed Job:
     * required with more than one shard, and never at or above the count (an Indexed Job whose pods were not told
     * the count would otherwise have every pod load, and record, everything).
     */
    private static Shard shard(EnvReader reader) {
        int count = reader.integer(SHARDS, 1, 1, 1024);
        boolean set = reader.optional(INDEX).isPresent();
        int index = reader.integer(INDEX, 0, 0, 1023);
        reader.check(
                set || count == 1,
                INDEX,
                "<unset>",
                "is required when " + SHARDS + "=" + count
                        + " (Kubernetes sets it in an Indexed Job; one pod per index 0.." + (count - 1) + ")");
        reader.check(
                index < count,
                INDEX,
                index,
                "must be below " + SHARDS + "=" + count + ": set BACKFILL_SHARDS to the Job's completions");
        return new Shard(Math.min(index, count - 1), count);
    }

    /** One {@code NAME=value} line per effective setting, secrets masked. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(lake.describe());
        lines.add("COLLECTOR_GROUP_ID=" + collectorGroupId);
        lines.add("BACKFILL_SPILL_DIR=" + spillDir);
        lines.add("BACKFILL_BUFFER_BYTES=" + bufferBytes);
        lines.add("BACKFILL_WORKERS=" + workers);
        lines.add("HANDOVER_WAIT=" + handoverWait);
        lines.add("PROGRESS_INTERVAL=" + progressInterval);
        lines.add("LEASE_TTL=" + leaseTtl);
        lines.add("LEASE_WAIT=" + leaseWait);
        lines.add("ROW_GROUP_BYTES=" + rowGroupBytes);
        lines.add("BYTE_COPY_MIN_ROW_GROUP_BYTES=" + byteCopyMinRowGroupBytes);
        lines.add(sizes.describeTarget());
        lines.add(sizes.describeScratch());
        lines.add("BACKFILL_CHUNK_RECORDS=" + chunkRecords);
        lines.add(SHARDS + "=" + shard.count());
        lines.add(INDEX + "=" + shard.index());
        return lines;
    }
}
