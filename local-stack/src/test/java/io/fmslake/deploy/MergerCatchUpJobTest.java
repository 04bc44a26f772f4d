package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * k8s/jobs/batch-merger-catchup-job.yaml: an Indexed Job whose pods take their share of a catch-up's windows
 * (JOB_COMPLETION_INDEX of MERGE_SHARDS). Parsed strictly like every manifest; not read by {@code kubectl apply -f
 * k8s/}; its pods are the hour CronJob's pods but for the arguments and MERGE_SHARDS; the merger's settings reader
 * turns each index into its shard and refuses the pod's environment without an index.
 */
class MergerCatchUpJobTest {
    private static final String FILE = "k8s/jobs/batch-merger-catchup-job.yaml";
    private final Job job = catchUpJob();
    private final Manifests manifests = Manifests.load();

    private static Job catchUpJob() {
        List<Manifests.Entry> entries = Manifests.parseFile(RepoFiles.path(FILE), FILE);
        assertEquals(1, entries.size(), FILE);
        return (Job) entries.get(0).object();
    }

    private Container container() {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private Map<String, String> podEnv() {
        return PodEnv.of(container(), manifests).values();
    }

    @Test
    void anIndexedJobWithOneShardPerCompletion() {
        JobSpec spec = job.getSpec();
        assertEquals("Indexed", spec.getCompletionMode());
        assertTrue(spec.getParallelism() <= spec.getCompletions());
        assertEquals(
                Integer.toString(spec.getCompletions()), podEnv().get("MERGE_SHARDS"), "MERGE_SHARDS = completions");
        assertEquals("Never", spec.getTemplate().getSpec().getRestartPolicy());
        assertTrue(spec.getBackoffLimitPerIndex() >= 1 && spec.getBackoffLimit() >= 1, "a failed pod is retried");
        assertTrue(
                List.of(List.of("hour"), List.of("day"), List.of("week"))
                        .contains(container().getArgs()),
                container().getArgs().toString());
    }

    @Test
    void kubectlApplyOfK8sDoesNotStartIt() {
        assertFalse(Manifests.yamlFiles(RepoFiles.path("k8s")).contains(RepoFiles.path(FILE)));
        assertFalse(RepoFiles.read("k8s/Kustomization").contains("jobs/"), "not a resource of the kustomization");
        assertTrue(manifests.applied(Job.class).stream()
                .noneMatch(
                        j -> j.getMetadata().getName().equals(job.getMetadata().getName())));
    }

    @Test
    void itsPodsAreTheHourCronJobsPodsButForTheArgumentsAndTheShards() {
        PodSpec hour = manifests
                .one(CronJob.class, "batch-merger-hour")
                .getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getSpec();
        PodSpec mine = job.getSpec().getTemplate().getSpec();
        assertEquals(hour.getServiceAccountName(), mine.getServiceAccountName());
        assertEquals(hour.getSecurityContext(), mine.getSecurityContext());
        assertEquals(hour.getVolumes(), mine.getVolumes(), "the same scratch emptyDir (MERGE_SCRATCH_BYTES)");
        Container h = hour.getContainers().get(0);
        assertEquals(h.getImage(), container().getImage());
        assertEquals(h.getResources(), container().getResources());
        assertEquals(h.getSecurityContext(), container().getSecurityContext());
        assertEquals(h.getVolumeMounts(), container().getVolumeMounts());
        assertEquals(h.getEnvFrom(), container().getEnvFrom());
        assertEquals(
                h.getEnv(),
                container().getEnv().stream()
                        .filter(e -> !e.getName().equals("MERGE_SHARDS"))
                        .toList());
    }

    @Test
    void eachIndexIsAShardAndWithoutAnIndexThePodRefusesToStart() {
        Map<String, String> env = new java.util.LinkedHashMap<>(podEnv());
        ServiceUnderTest merger = ServiceUnderTest.BATCH_MERGER;
        assertFalse(merger.read(env).reader().errors().isEmpty(), "MERGE_SHARDS without JOB_COMPLETION_INDEX");
        int n = job.getSpec().getCompletions();
        for (int i = 0; i < n; i++) {
            env.put("JOB_COMPLETION_INDEX", Integer.toString(i)); // set by Kubernetes in Indexed mode
            ServiceUnderTest.Reading reading = merger.read(env);
            assertEquals(List.of(), reading.reader().errors());
            assertEquals(i + "/" + n, reading.component("shard").toString());
        }
    }
}
