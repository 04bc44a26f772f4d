package io.fmslake.collector.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.status.JobStatus;
import io.fmslake.testkit.MemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JobStatusPollerTest {
    private static final Instant T0 = Instant.parse("2025-06-12T11:01:00Z");

    private final MemoryObjectStore store = new MemoryObjectStore();
    private final CollectorMetrics metrics = new CollectorMetrics();
    private final JobStatusPoller poller = new JobStatusPoller(store, metrics.jobStatus(), Duration.ofSeconds(30));

    private static JobStatus status(String job, Instant end, JobStatus.Outcome outcome, Map<String, Object> details) {
        return new JobStatus(
                job,
                "batch-merger",
                "1",
                "h",
                end.minusSeconds(4),
                Optional.of(end),
                outcome,
                OptionalInt.of(outcome == JobStatus.Outcome.SUCCESS ? 0 : 1),
                "",
                Optional.of(T0),
                details);
    }

    private void put(JobStatus s) {
        store.put(s.key(), s.toJson());
    }

    /** The value of one sample line, e.g. {@code fms_merge_last_run_rows{level="hour"}}; fails if absent. */
    private double value(String sample) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics.scrape());
        assertTrue(m.find(), sample + " not in\n" + metrics.scrape());
        return Double.parseDouble(m.group(1));
    }

    private static Map<String, Object> lake(long hourFiles) {
        Map<String, Object> lake = new LinkedHashMap<>();
        for (String tier : new String[] {"minute", "hour", "day", "week", "errors"}) {
            lake.put(
                    tier,
                    Map.of(
                            "files",
                            tier.equals("hour") ? hourFiles : 0,
                            "bytes",
                            tier.equals("hour") ? hourFiles * 1000 : 0));
        }
        return lake;
    }

    @Test
    void everyGaugeIsExportedAsNaNUntilItsJobHasRunThenCarriesTheObjectsValues() {
        assertTrue(Double.isNaN(value("fms_merge_last_run_success{level=\"day\"}")));
        assertTrue(Double.isNaN(value("fms_lake_files{tier=\"errors\"}")));
        assertTrue(Double.isNaN(value("fms_verify_missing_records")));
        assertTrue(Double.isNaN(value("fms_backfill_finished")));

        put(status(
                JobStatus.MERGE_HOUR,
                T0.plusSeconds(3600),
                JobStatus.Outcome.FAILED,
                Map.of("windows", 0, "rows", 0, "lease_wait_seconds", 2.5, "lake", lake(7))));
        put(status(
                JobStatus.MERGE_DAY,
                T0,
                JobStatus.Outcome.SUCCESS,
                Map.of("windows", 1, "rows", 1234, "lease_wait_seconds", 0.0, "lake", lake(3))));
        put(status(
                JobStatus.VERIFY,
                T0,
                JobStatus.Outcome.FAILED,
                Map.of("missing", 40, "duplicated", 0, "retention_gap_records", 5)));
        put(new JobStatus(
                JobStatus.BACKFILL,
                "backfill-loader",
                "1",
                "h",
                T0,
                Optional.empty(),
                JobStatus.Outcome.RUNNING,
                OptionalInt.empty(),
                "",
                Optional.empty(),
                Map.of(
                        "records_done",
                        50,
                        "records_total",
                        100,
                        "last_progress",
                        T0.plusSeconds(9).toString(),
                        "finished",
                        false)));
        store.put(JobStatus.key(JobStatus.MERGE_WEEK), "not json".getBytes(StandardCharsets.UTF_8));
        poller.poll();

        assertEquals(0, value("fms_merge_last_run_success{level=\"hour\"}"));
        assertEquals(
                T0.plusSeconds(3600).getEpochSecond(), value("fms_merge_last_run_timestamp_seconds{level=\"hour\"}"));
        assertEquals(T0.getEpochSecond(), value("fms_merge_last_success_timestamp_seconds{level=\"hour\"}"));
        assertEquals(2.5, value("fms_merge_last_run_lease_wait_seconds{level=\"hour\"}"));
        assertEquals(4, value("fms_merge_last_run_duration_seconds{level=\"hour\"}"));
        assertEquals(1, value("fms_merge_last_run_success{level=\"day\"}"));
        assertEquals(1234, value("fms_merge_last_run_rows{level=\"day\"}"));
        assertTrue(Double.isNaN(value("fms_merge_last_run_success{level=\"week\"}")), "not a job status: absent");
        assertEquals(7, value("fms_lake_files{tier=\"hour\"}"), "from the newest merge status (the hour run's)");
        assertEquals(7000, value("fms_lake_bytes{tier=\"hour\"}"));
        assertEquals(0, value("fms_verify_last_run_success"));
        assertEquals(40, value("fms_verify_missing_records"));
        assertEquals(5, value("fms_verify_retention_gap_records"));
        assertEquals(50, value("fms_backfill_records_done"));
        assertEquals(100, value("fms_backfill_records_planned"));
        assertEquals(0, value("fms_backfill_finished"));
        assertEquals(T0.plusSeconds(9).getEpochSecond(), value("fms_backfill_last_progress_timestamp_seconds"));

        store.failing(true); // the bucket does not answer: the last values stay
        poller.poll();
        assertEquals(40, value("fms_verify_missing_records"));

        store.failing(false);
        store.delete(JobStatus.key(JobStatus.VERIFY));
        poller.poll();
        assertTrue(Double.isNaN(value("fms_verify_missing_records")), "an object that is gone is unknown again");
    }

    private static JobStatus pod(
            String job, Instant started, long done, long total, Instant progress, boolean finished) {
        return new JobStatus(
                job,
                "backfill-loader",
                "1",
                "pod-" + job,
                started,
                finished ? Optional.of(progress) : Optional.empty(),
                finished ? JobStatus.Outcome.SUCCESS : JobStatus.Outcome.RUNNING,
                finished ? OptionalInt.of(0) : OptionalInt.empty(),
                "",
                Optional.empty(),
                Map.of(
                        "records_done",
                        done,
                        "records_total",
                        total,
                        "last_progress",
                        progress.toString(),
                        "finished",
                        finished));
    }

    @Test
    void thePodsOfAnIndexedBackfillAreSummedAndFinishedOnlyWhenAllAre() {
        put(pod("backfill-0", T0, 50, 100, T0.plusSeconds(9), false));
        put(pod("backfill-1", T0.plusSeconds(2), 80, 80, T0.plusSeconds(20), true));
        put(pod("backfill-10", T0.plusSeconds(3), 5, 20, T0.plusSeconds(30), false));
        poller.poll();

        assertEquals(135, value("fms_backfill_records_done"));
        assertEquals(200, value("fms_backfill_records_planned"));
        assertEquals(
                T0.plusSeconds(9).getEpochSecond(),
                value("fms_backfill_last_progress_timestamp_seconds"),
                "the pod that moved on least recently");
        assertEquals(0, value("fms_backfill_finished"));

        put(pod("backfill-0", T0, 100, 100, T0.plusSeconds(40), true));
        put(pod("backfill-10", T0.plusSeconds(3), 20, 20, T0.plusSeconds(50), true));
        poller.poll();

        assertEquals(200, value("fms_backfill_records_done"));
        assertEquals(1, value("fms_backfill_finished"), "every pod has finished");
        assertEquals(T0.plusSeconds(20).getEpochSecond(), value("fms_backfill_last_progress_timestamp_seconds"));
    }

    @Test
    void aSinglePodBackfillNewerThanTheIndexedPodsIsTheOneShown() {
        put(pod("backfill-0", T0, 100, 100, T0.plusSeconds(40), true));
        put(pod(JobStatus.BACKFILL, T0.plusSeconds(3600), 7, 70, T0.plusSeconds(3700), false));
        poller.poll();
        assertEquals(7, value("fms_backfill_records_done"));

        put(pod("backfill-0", T0.plusSeconds(7200), 1, 10, T0.plusSeconds(7300), false));
        poller.poll();
        assertEquals(1, value("fms_backfill_records_done"), "the pods' run is the newer one now");
    }

    @Test
    void storeErrorsAreExportedPerKindFromTheStart() {
        for (String op : CollectorMetrics.STORE_OPS) {
            assertEquals(0, value("fms_collector_store_errors_total{op=\"" + op + "\"}"), op);
        }
        metrics.lag(3, 10);
        assertEquals(0, value("fms_collector_retention_gap_records_total{partition=\"3\"}"));
    }
}
