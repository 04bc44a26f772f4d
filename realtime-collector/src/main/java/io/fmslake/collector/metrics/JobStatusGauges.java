package io.fmslake.collector.metrics;

import io.fmslake.status.JobStatus;
import io.fmslake.status.LakeSize;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The short-lived jobs' last runs as gauges: merges per level, the lake's size per tier (from the newest merge
 * status), {@code verify} and the backfill, read from their status objects in the bucket ({@link JobStatus}). Every
 * gauge is registered at construction and is NaN until its job has recorded a run. Every collector replica exports
 * the same values; aggregate with {@code max()}.
 */
public final class JobStatusGauges {
    /** Merge levels, as the {@code level} label. */
    public static final List<String> LEVELS = List.of("hour", "day", "week");

    /** One gauge's value. */
    private static final class Cell {
        private volatile double value = Double.NaN;

        void set(OptionalDouble v) {
            value = v.orElse(Double.NaN);
        }
    }

    private final Map<String, Cell> cells = new java.util.concurrent.ConcurrentHashMap<>();

    public JobStatusGauges(MeterRegistry registry) {
        for (String level : LEVELS) {
            register(registry, "fms_merge_last_run_timestamp_seconds", "level", level, "end of the last merge run");
            register(
                    registry,
                    "fms_merge_last_success_timestamp_seconds",
                    "level",
                    level,
                    "end of the last successful merge run");
            register(
                    registry,
                    "fms_merge_last_run_success",
                    "level",
                    level,
                    "1 if the last merge run succeeded, 0 if not");
            register(registry, "fms_merge_last_run_duration_seconds", "level", level, "duration of the last merge run");
            register(registry, "fms_merge_last_run_windows", "level", level, "windows merged by the last run");
            register(registry, "fms_merge_last_run_rows", "level", level, "rows written by the last run");
            register(
                    registry,
                    "fms_merge_last_run_lease_wait_seconds",
                    "level",
                    level,
                    "how long the last run waited for the merge lease");
        }
        for (String tier : LakeSize.TIERS) {
            register(
                    registry, "fms_lake_files", "tier", tier, "files in the tier, as the newest merge run listed them");
            register(
                    registry, "fms_lake_bytes", "tier", tier, "bytes in the tier, as the newest merge run listed them");
        }
        register(registry, "fms_verify_last_run_timestamp_seconds", null, null, "end of the last verify run");
        register(
                registry,
                "fms_verify_last_run_success",
                null,
                null,
                "1 if the last verify found the lake equal to Kafka, 0 if not or if it failed");
        register(registry, "fms_verify_missing_records", null, null, "records Kafka holds that the lake lacks");
        register(registry, "fms_verify_duplicated_records", null, null, "records the lake holds more than once");
        register(
                registry,
                "fms_verify_retention_gap_records",
                null,
                null,
                "offsets Kafka deleted before the collector read them, per the recorded gaps");
        register(registry, "fms_backfill_records_done", null, null, "records the backfill has read");
        // not "..._total": Micrometer strips that suffix from gauges (it marks counters in Prometheus)
        register(registry, "fms_backfill_records_planned", null, null, "records the backfill has to read in all");
        register(
                registry,
                "fms_backfill_last_progress_timestamp_seconds",
                null,
                null,
                "when the backfill last moved on (records read or windows published)");
        register(registry, "fms_backfill_finished", null, null, "1 once the backfill has loaded everything, else 0");
    }

    private void register(MeterRegistry registry, String name, String tag, String value, String description) {
        Cell cell = new Cell();
        cells.put(key(name, value), cell);
        Gauge.Builder<Cell> b =
                Gauge.builder(name, cell, c -> c.value).description(description).strongReference(true);
        if (tag != null) {
            b.tag(tag, value);
        }
        b.register(registry);
    }

    private static String key(String name, String label) {
        return label == null ? name : name + "|" + label;
    }

    private void set(String name, String label, OptionalDouble value) {
        cells.get(key(name, label)).set(value);
    }

    /** Sets every gauge from the status objects found, by job ({@link JobStatus#JOBS}); a missing one is NaN. */
    public void update(Map<String, JobStatus> byJob) {
        for (String level : LEVELS) {
            Optional<JobStatus> s = Optional.ofNullable(byJob.get("merge-" + level));
            set("fms_merge_last_run_timestamp_seconds", level, seconds(s.flatMap(JobStatus::finished)));
            set("fms_merge_last_success_timestamp_seconds", level, seconds(s.flatMap(JobStatus::lastSuccess)));
            set("fms_merge_last_run_success", level, success(s));
            set(
                    "fms_merge_last_run_duration_seconds",
                    level,
                    s.map(JobStatus::durationSeconds).orElse(OptionalDouble.empty()));
            set("fms_merge_last_run_windows", level, number(s, "windows"));
            set("fms_merge_last_run_rows", level, number(s, "rows"));
            set("fms_merge_last_run_lease_wait_seconds", level, number(s, "lease_wait_seconds"));
        }
        Optional<JobStatus> newest = LEVELS.stream()
                .map(l -> byJob.get("merge-" + l))
                .filter(s -> s != null
                        && s.finished().isPresent()
                        && s.number("lake", "minute", "files").isPresent())
                .max(Comparator.comparing(s -> s.finished().orElseThrow()));
        for (String tier : LakeSize.TIERS) {
            set("fms_lake_files", tier, number(newest, "lake", tier, "files"));
            set("fms_lake_bytes", tier, number(newest, "lake", tier, "bytes"));
        }
        Optional<JobStatus> verify = Optional.ofNullable(byJob.get(JobStatus.VERIFY));
        set("fms_verify_last_run_timestamp_seconds", null, seconds(verify.flatMap(JobStatus::finished)));
        set("fms_verify_last_run_success", null, success(verify));
        set("fms_verify_missing_records", null, number(verify, "missing"));
        set("fms_verify_duplicated_records", null, number(verify, "duplicated"));
        set("fms_verify_retention_gap_records", null, number(verify, "retention_gap_records"));
        Optional<JobStatus> backfill = Optional.ofNullable(byJob.get(JobStatus.BACKFILL));
        set("fms_backfill_records_done", null, number(backfill, "records_done"));
        set("fms_backfill_records_planned", null, number(backfill, "records_total"));
        set(
                "fms_backfill_last_progress_timestamp_seconds",
                null,
                seconds(backfill.flatMap(s -> s.instant("last_progress"))));
        set("fms_backfill_finished", null, number(backfill, "finished"));
    }

    private static OptionalDouble number(Optional<JobStatus> s, String... path) {
        return s.map(x -> x.number(path)).orElse(OptionalDouble.empty());
    }

    private static OptionalDouble seconds(Optional<Instant> t) {
        return t.map(i -> OptionalDouble.of(i.toEpochMilli() / 1000.0)).orElse(OptionalDouble.empty());
    }

    private static OptionalDouble success(Optional<JobStatus> s) {
        return s.filter(x -> x.outcome() != JobStatus.Outcome.RUNNING)
                .map(x -> OptionalDouble.of(x.outcome() == JobStatus.Outcome.SUCCESS ? 1 : 0))
                .orElse(OptionalDouble.empty());
    }
}
