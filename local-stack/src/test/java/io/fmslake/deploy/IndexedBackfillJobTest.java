package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The backfill's Indexed Job variant (k8s/jobs/, outside what {@code kubectl apply -f k8s/} applies): N pods told
 * the count, each index retried on its own and never twice at once, otherwise the one-pod Job's pod.
 */
class IndexedBackfillJobTest {
    static final String FILE = "k8s/jobs/backfill-loader-indexed-job.yaml";
    private final Manifests manifests = Manifests.load();
    private final Job job = Manifests.parsed(RepoFiles.read(FILE), FILE).one(Job.class, "backfill-loader-indexed");
    private final Job single = manifests.one(Job.class, "backfill-loader");

    @Test
    void isAnIndexedJobWhosePodsAreToldTheCount() {
        var spec = job.getSpec();
        assertEquals("Indexed", spec.getCompletionMode());
        assertTrue(spec.getCompletions() > 1, "several pods");
        assertEquals(spec.getCompletions(), spec.getParallelism(), "all pods at once");
        assertEquals(
                String.valueOf(spec.getCompletions()),
                literal("BACKFILL_SHARDS"),
                "BACKFILL_SHARDS must equal completions: the pods cannot read it from the Job");
        assertEquals(null, literal("JOB_COMPLETION_INDEX"), "Kubernetes sets the index itself");
        assertTrue(spec.getBackoffLimitPerIndex() >= 1, "a failed index is retried and resumes");
        assertEquals("Failed", spec.getPodReplacementPolicy(), "never two pods of one index at once");
        assertEquals("Never", spec.getTemplate().getSpec().getRestartPolicy());
        assertTrue(spec.getTtlSecondsAfterFinished() >= 3600, "logs stay readable after it finishes");
        assertEquals("1", literal(single, "BACKFILL_SHARDS"), "the one-pod Job loads every partition");
        assertEquals("Failed", single.getSpec().getPodReplacementPolicy(), "one loader at a time");
    }

    @Test
    void everyPodGetsWhatTheBackfillReadsAndItsSettingsAcceptThem() {
        PodEnv env = PodEnv.of(container(job), manifests);
        for (int index = 0; index < job.getSpec().getCompletions(); index++) {
            Map<String, String> values = new java.util.LinkedHashMap<>(env.values());
            values.put("JOB_COMPLETION_INDEX", Integer.toString(index));
            ServiceUnderTest.Reading reading = ServiceUnderTest.BACKFILL_LOADER.read(values);
            assertEquals(List.of(), reading.reader().errors(), "index " + index);
            assertEquals(
                    index + "/" + job.getSpec().getCompletions(),
                    reading.component("shard").toString());
            Set<String> missing = new TreeSet<>(reading.reader().namesRead());
            missing.removeAll(values.keySet());
            assertEquals(Set.of(), missing, "variables the backfill reads that the pod lacks");
        }
    }

    @Test
    void isTheOnePodJobsPodOtherwise() {
        Container indexed = container(job);
        Container one = container(single);
        assertEquals(one.getImage(), indexed.getImage());
        assertEquals(one.getEnvFrom(), indexed.getEnvFrom());
        assertEquals(one.getResources(), indexed.getResources());
        assertEquals(one.getSecurityContext(), indexed.getSecurityContext());
        assertEquals(one.getVolumeMounts(), indexed.getVolumeMounts());
        assertEquals(
                single.getSpec().getTemplate().getSpec().getSecurityContext(),
                job.getSpec().getTemplate().getSpec().getSecurityContext());
        assertEquals(
                single.getSpec().getTemplate().getSpec().getVolumes(),
                job.getSpec().getTemplate().getSpec().getVolumes(),
                "each pod its own spill emptyDir, as sized");
        assertEquals(
                single.getSpec().getTemplate().getMetadata().getLabels(),
                job.getSpec().getTemplate().getMetadata().getLabels(),
                "the network policy selects app=backfill-loader");
        var tmp = job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("tmp"))
                .findFirst()
                .orElseThrow();
        assertTrue(Quantity.getAmountInBytes(tmp.getEmptyDir().getSizeLimit()).longValue() >= 10L << 30);
        Set<String> names =
                new TreeSet<>(indexed.getEnv().stream().map(EnvVar::getName).toList());
        names.removeAll(one.getEnv().stream().map(EnvVar::getName).toList());
        assertEquals(Set.of("HANDOVER_WAIT"), names, "only the wait for index 0 is added");
    }

    @Test
    void isNotAppliedWithTheBase() {
        assertFalse(
                Manifests.yamlFiles(RepoFiles.path("k8s")).stream()
                        .anyMatch(p -> p.getFileName().toString().contains("indexed")),
                "kubectl apply -f k8s/ would start it");
        assertFalse(RepoFiles.read("k8s/Kustomization").contains("jobs/"), "kubectl apply -k k8s/ would start it");
    }

    private static Container container(Job j) {
        return j.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private String literal(String name) {
        return literal(job, name);
    }

    private static String literal(Job j, String name) {
        return container(j).getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue)
                .findFirst()
                .orElse(null);
    }
}
