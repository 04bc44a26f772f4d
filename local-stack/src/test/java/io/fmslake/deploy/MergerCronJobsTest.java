package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergerCronJobsTest {
    /** The seed's schedules, and the daily reconciliation. */
    private static final Map<String, String> SEED = Map.of(
            "batch-merger-hour", "1 * * * *",
            "batch-merger-day", "5 0 * * *",
            "batch-merger-week", "10 0 * * 1",
            "batch-merger-verify", "45 3 * * *");

    private final Manifests manifests = Manifests.load();

    @Test
    void theThreeCronJobsRunTheSeedsSchedulesWithTheirLevelAsArgument() {
        Map<String, String> schedules = new LinkedHashMap<>();
        for (CronJob c : manifests.applied(CronJob.class)) {
            String name = c.getMetadata().getName();
            schedules.put(name, c.getSpec().getSchedule());
            var container = c.getSpec()
                    .getJobTemplate()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0);
            assertEquals(List.of(name.substring("batch-merger-".length())), container.getArgs(), name);
            assertTrue(container.getCommand().isEmpty(), name + ": the image's ENTRYPOINT runs the jar");
        }
        assertEquals(SEED, schedules);
    }

    @Test
    void theCronJobsTimeZoneIsTheConfiguredTimezone() {
        String zone = manifests.one(ConfigMap.class, "fms-config").getData().get("TIMEZONE");
        for (CronJob c : manifests.applied(CronJob.class)) {
            assertEquals(zone, c.getSpec().getTimeZone(), c.getMetadata().getName());
        }
    }

    @Test
    void runsNeverOverlapAreRetriedAndLeaveABoundedHistory() {
        for (CronJob c : manifests.applied(CronJob.class)) {
            String name = c.getMetadata().getName();
            CronJobSpec spec = c.getSpec();
            assertEquals("Forbid", spec.getConcurrencyPolicy(), name);
            assertNotNull(spec.getStartingDeadlineSeconds(), name);
            assertTrue(spec.getStartingDeadlineSeconds() >= 60, name + ": startingDeadlineSeconds");
            assertTrue(spec.getSuccessfulJobsHistoryLimit() > 0 && spec.getFailedJobsHistoryLimit() > 0, name);
            JobSpec job = spec.getJobTemplate().getSpec();
            assertTrue(job.getBackoffLimit() >= 1, name + ": a failed run (exit non-zero) is retried");
            assertEquals("Never", job.getTemplate().getSpec().getRestartPolicy(), name);
            assertNotNull(job.getActiveDeadlineSeconds(), name + ": a stuck run ends");
            assertEquals(
                    "batch-merger", job.getTemplate().getMetadata().getLabels().get("app"), name);
        }
    }

    /**
     * verify runs daily, clear of the merges' minutes, with the merger's own MinIO keys (it writes
     * _lake/status/verify.json), and is retried once at least: a record seen twice while a merge publishes is gone then.
     */
    @Test
    void theReconciliationRunsDailyApartFromTheMergesWithTheMergersKeys() {
        CronJob verify = manifests.one(CronJob.class, "batch-merger-verify");
        String[] cron = verify.getSpec().getSchedule().split(" ");
        assertEquals(List.of("*", "*", "*"), List.of(cron[2], cron[3], cron[4]), "daily");
        assertTrue(Integer.parseInt(cron[1]) > 0, "not in the hour of the day and week merges (00:05, 00:10)");
        assertTrue(Integer.parseInt(cron[0]) > 30, "well after the hourly merge at minute 1");
        JobSpec job = verify.getSpec().getJobTemplate().getSpec();
        assertTrue(job.getBackoffLimit() >= 1);
        var container = job.getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("verify"), container.getArgs());
        CronJob hour = manifests.one(CronJob.class, "batch-merger-hour");
        var merge = hour.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertEquals(merge.getContainers().get(0).getEnv(), container.getEnv(), "the merger's keys and group");
        assertEquals(merge.getServiceAccountName(), job.getTemplate().getSpec().getServiceAccountName());
    }

    @Test
    void theHourlyRunFinishesBeforeTheNextOneIsDue() {
        CronJob hour = manifests.one(CronJob.class, "batch-merger-hour");
        long deadline = hour.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds();
        assertTrue(deadline < 3600, "activeDeadlineSeconds " + deadline);
        assertTrue(hour.getSpec().getStartingDeadlineSeconds() < 3600);
    }

    /** What {@code kubectl create job --from=cronjob/batch-merger-hour manual-merge-hour} builds. */
    @Test
    void aJobCreatedFromTheHourlyCronJobIsAValidJob() {
        CronJob hour = manifests.one(CronJob.class, "batch-merger-hour");
        Job manual = new Job(
                "batch/v1",
                "Job",
                new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                        .withName("manual-merge-hour")
                        .withAnnotations(Map.of("cronjob.kubernetes.io/instantiate", "manual"))
                        .build(),
                hour.getSpec().getJobTemplate().getSpec(),
                null);
        JobSpec spec = manual.getSpec();
        assertNull(spec.getSelector(), "no hand-written selector: the Job controller generates it");
        assertEquals(
                List.of("hour"),
                spec.getTemplate().getSpec().getContainers().get(0).getArgs());
        assertEquals("Never", spec.getTemplate().getSpec().getRestartPolicy());
        String yaml = Manifests.toYaml(manual);
        assertEquals(1, Manifests.parse(yaml, "manual-merge-hour").size(), "the Job parses strictly");
    }
}
