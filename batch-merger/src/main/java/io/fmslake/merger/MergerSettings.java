package io.fmslake.merger;

import io.fmslake.config.EnvReader;
import io.fmslake.config.LakeSettings;
import io.fmslake.merge.FileSizes;
import io.fmslake.merge.MergeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The merger's configuration: the shared {@link LakeSettings} plus its own extras, all from the environment.
 *
 * @param leaseTtl                 how long a window's lease lasts without renewal (renewed every third of it)
 * @param leaseWait                how long a run waits in total for leases other processes hold
 * @param tmpDir                   local scratch directory of merges (the part being written)
 * @param sizes                    {@code TARGET_FILE_BYTES} and {@code MERGE_SCRATCH_BYTES}
 * @param rowGroupBytes            row group size of re-encoded targets
 * @param byteCopyMinRowGroupBytes a day or week is byte-copied only when its inputs' row groups average at least this
 * @param hourByteCopy             an hour is byte-copied whenever its inputs can be concatenated
 * @param mergeThreads             threads of a column copy
 * @param hourCron                 {@code --schedule} cron of the hour run (5-field or Quartz)
 * @param dayCron                  cron of the day run
 * @param weekCron                 cron of the week run
 * @param collectorGroupId         consumer group whose committed offsets {@code verify} checks up to
 * @param logFormat                {@code text} or {@code json}
 * @param shard                    the share of the candidate windows a run takes: {@code JOB_COMPLETION_INDEX} of
 *                                 {@code MERGE_SHARDS} in an Indexed Job, else every window
 * @param deadLetterRetention      {@code DEAD_LETTER_RETENTION}: dead-letter files whose window ended longer ago are
 *                                 deleted by the merge runs (recorded under {@code _lake/expired/}); empty keeps them
 */
public record MergerSettings(
        LakeSettings lake,
        Duration leaseTtl,
        Duration leaseWait,
        Path tmpDir,
        FileSizes sizes,
        long rowGroupBytes,
        long byteCopyMinRowGroupBytes,
        boolean hourByteCopy,
        int mergeThreads,
        String hourCron,
        String dayCron,
        String weekCron,
        String collectorGroupId,
        String logFormat,
        Shard shard,
        Optional<Duration> deadLetterRetention) {

    public static final String DEFAULT_GROUP_ID = "fms-batch-merger";
    /** The shortest {@code DEAD_LETTER_RETENTION}: a window is expired only well after the merges rolled it up. */
    static final Duration MIN_RETENTION = Duration.ofHours(1);

    public static MergerSettings fromEnv(Map<String, String> env) {
        EnvReader r = new EnvReader(env);
        MergerSettings s = read(r);
        r.throwIfInvalid();
        return s;
    }

    static MergerSettings read(EnvReader r) {
        LakeSettings lake = LakeSettings.read(r, DEFAULT_GROUP_ID);
        Duration ttl = r.duration("LEASE_TTL", Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofHours(1));
        Duration wait = r.duration("LEASE_WAIT", Duration.ofMinutes(15), Duration.ZERO, Duration.ofHours(6));
        Path tmp = Path.of(r.string("MERGE_TMP_DIR", System.getProperty("java.io.tmpdir")));
        FileSizes sizes = FileSizes.read(r);
        long rowGroup = sizes.readRowGroupBytes(r);
        long copyMin = r.bytes(
                "BYTE_COPY_MIN_ROW_GROUP_BYTES", MergeOptions.DEFAULT_BYTE_COPY_MIN_ROW_GROUP_BYTES, 0, 1L << 40);
        boolean hourCopy = r.bool("HOUR_BYTE_COPY", false);
        int threads = r.integer("MERGE_THREADS", MergeOptions.defaultThreads(), 1, 64);
        String hour = cron(r, "MERGE_HOUR_CRON", "1 * * * *");
        String day = cron(r, "MERGE_DAY_CRON", "5 0 * * *");
        String week = cron(r, "MERGE_WEEK_CRON", "10 0 * * 1");
        String group = r.string("COLLECTOR_GROUP_ID", "fms-realtime-collector");
        String format = r.string("LOG_FORMAT", "text").toLowerCase(Locale.ROOT);
        r.check(format.equals("text") || format.equals("json"), "LOG_FORMAT", format, "must be text or json");
        return new MergerSettings(
                lake,
                ttl,
                wait,
                tmp,
                sizes,
                rowGroup,
                copyMin,
                hourCopy,
                threads,
                hour,
                day,
                week,
                group,
                format,
                shard(r),
                retention(r));
    }

    /** {@code DEAD_LETTER_RETENTION}: empty (default) keeps dead letters for ever. */
    private static Optional<Duration> retention(EnvReader r) {
        if (r.optional("DEAD_LETTER_RETENTION").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(r.duration("DEAD_LETTER_RETENTION", MIN_RETENTION, MIN_RETENTION, Duration.ofDays(36_500)));
    }

    /**
     * {@code MERGE_SHARDS} (default 1: every window); above 1 also {@code JOB_COMPLETION_INDEX}, which Kubernetes
     * sets in each pod of an Indexed Job, in 0..MERGE_SHARDS-1.
     */
    private static Shard shard(EnvReader r) {
        int shards = r.integer("MERGE_SHARDS", 1, 1, 1000);
        if (shards == 1) {
            return Shard.ALL;
        }
        if (r.optional("JOB_COMPLETION_INDEX").isEmpty()) {
            r.error(
                    "MERGE_SHARDS",
                    Integer.toString(shards),
                    "needs JOB_COMPLETION_INDEX (set by Kubernetes in each "
                            + "pod of an Indexed Job, k8s/jobs/batch-merger-catchup-job.yaml); leave MERGE_SHARDS at 1 elsewhere");
            return Shard.ALL;
        }
        return new Shard(r.integer("JOB_COMPLETION_INDEX", 0, 0, shards - 1), shards);
    }

    private static String cron(EnvReader r, String name, String fallback) {
        String v = r.string(name, fallback);
        try {
            CronSpec.toQuartz(v);
        } catch (IllegalArgumentException e) {
            r.error(name, v, e.getMessage());
        }
        return v;
    }

    /** Effective settings, one {@code NAME=value} per line, secrets masked. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(lake.describe());
        lines.add("LEASE_TTL=" + leaseTtl);
        lines.add("LEASE_WAIT=" + leaseWait);
        lines.add("MERGE_TMP_DIR=" + tmpDir);
        lines.add(sizes.describeTarget());
        lines.add(sizes.describeScratch());
        lines.add("ROW_GROUP_BYTES=" + rowGroupBytes);
        lines.add("BYTE_COPY_MIN_ROW_GROUP_BYTES=" + byteCopyMinRowGroupBytes);
        lines.add("HOUR_BYTE_COPY=" + hourByteCopy);
        lines.add("MERGE_THREADS=" + mergeThreads);
        lines.add("MERGE_HOUR_CRON=" + hourCron);
        lines.add("MERGE_DAY_CRON=" + dayCron);
        lines.add("MERGE_WEEK_CRON=" + weekCron);
        lines.add("COLLECTOR_GROUP_ID=" + collectorGroupId);
        lines.add("LOG_FORMAT=" + logFormat);
        lines.add("DEAD_LETTER_RETENTION="
                + deadLetterRetention.map(Duration::toString).orElse("(keep for ever)"));
        lines.add("MERGE_SHARDS=" + shard.count()
                + (shard.count() > 1 ? " (JOB_COMPLETION_INDEX=" + shard.index() + ")" : ""));
        return lines;
    }
}
