package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md, section "Environment", documents every variable a service reads, and documents nothing that no
 * service reads. "Read" is what each service's own settings reader asks for over the environment the manifests give
 * its pods (also with more than one shard, where the readers ask for the pod's index), plus the variables
 * {@link ServiceUnderTest} knows to be read outside the readers or never supplied by k8s/.
 */
class ContractDocsTest {
    static final String CONTRACT = "docs/contract.md";
    /** A table row naming a variable: its first cell is the name in backticks. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]*)`");
    /** Read by the services' test hooks, outside the settings readers (and never supplied by k8s/). */
    private static final Set<String> TEST_HOOKS = Set.of("FMS_TEST_CRASH_POINT", "FMS_TEST_PAUSE_POINT");
    /** Read outside the settings readers: the pod's name, recorded as the writer of status objects and markers. */
    private static final Set<String> IDENTITY = Set.of("HOSTNAME");

    private final Manifests manifests = Manifests.load();

    @Test
    void everyVariableAServiceReadsIsDocumentedInTheContract() {
        Set<String> missing = new TreeSet<>(namesRead());
        missing.removeAll(documented());
        assertEquals(Set.of(), missing, "read by a service but not in a table of " + CONTRACT + ", \"Environment\"");
    }

    @Test
    void everyVariableTheContractDocumentsIsReadBySomeService() {
        Set<String> stale = new TreeSet<>(documented());
        stale.removeAll(namesRead());
        assertEquals(Set.of(), stale, CONTRACT + " documents variables no service reads");
    }

    @Test
    void theEnvironmentSectionIsFoundAndHoldsTheSeedsVariables() {
        assertTrue(
                documented()
                        .containsAll(Set.of(
                                "KAFKA_BROKERS",
                                "KAFKA_TOPIC",
                                "KAFKA_GROUP_ID",
                                "MINIO_ENDPOINT",
                                "MINIO_ACCESS_KEY",
                                "MINIO_SECRET_KEY",
                                "MINIO_BUCKET",
                                "MINIO_SECURE",
                                "TIMEZONE",
                                "EVENT_TIME_FIELD",
                                "WEEK_START")),
                documented().toString());
    }

    /** The names every service's reader asks for, over each pod's environment and a sharded variant of it. */
    private Set<String> namesRead() {
        Set<String> read = new TreeSet<>(ServiceUnderTest.READ_OUTSIDE_SETTINGS);
        read.addAll(ServiceUnderTest.NOT_SUPPLIED.keySet());
        read.addAll(TEST_HOOKS);
        read.addAll(IDENTITY);
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            Map<String, String> env = PodEnv.of(pod.container(), manifests).values();
            read.addAll(pod.service().namesRead(env));
            Map<String, String> sharded = new HashMap<>(env);
            sharded.put("MERGE_SHARDS", "2");
            sharded.put("BACKFILL_SHARDS", "2");
            sharded.put("JOB_COMPLETION_INDEX", "1");
            read.addAll(pod.service().namesRead(sharded));
        }
        return read;
    }

    /** The variables named in the first column of the tables of the contract's "Environment" section. */
    static Set<String> documented() {
        String text = RepoFiles.read(CONTRACT);
        int start = text.indexOf("\n## Environment\n");
        assertTrue(start >= 0, CONTRACT + " has no section \"## Environment\"");
        int end = text.indexOf("\n## ", start + 1);
        String section = end < 0 ? text.substring(start) : text.substring(start, end);
        Set<String> names = new TreeSet<>();
        Matcher m = ROW.matcher(section);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
