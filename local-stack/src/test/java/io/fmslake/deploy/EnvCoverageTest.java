package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fmslake.config.EnvReader;
import io.fmslake.config.LakeSettings;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every variable a service's settings code reads is supplied to its pods, and every variable the manifests
 * supply is read by some service. "Read" is what the service's own reader asks {@link EnvReader} for, run
 * over the environment the manifests give its pods (see {@link ServiceUnderTest} for services still pending).
 */
class EnvCoverageTest {
    private final Manifests manifests = Manifests.load();

    @Test
    void everyVariableAServiceReadsIsSuppliedToEachOfItsPods() {
        for (ServiceUnderTest service : ServiceUnderTest.values()) {
            assertFalse(Workloads.of(manifests, service).isEmpty(), "no workload runs " + service.module);
            for (Workloads.Pod pod : Workloads.of(manifests, service)) {
                PodEnv env = PodEnv.of(pod.container(), manifests);
                Set<String> missing = new TreeSet<>(service.namesRead(env.values()));
                missing.removeAll(env.sources().keySet());
                missing.removeAll(ServiceUnderTest.NOT_SUPPLIED.keySet());
                assertEquals(
                        Set.of(), missing, pod.label() + " does not supply variables " + service.module + " reads");
            }
        }
    }

    @Test
    void everyVariableTheManifestsSupplyIsReadBySomeService() {
        Set<String> read = new TreeSet<>(ServiceUnderTest.READ_OUTSIDE_SETTINGS);
        Set<String> supplied = new TreeSet<>();
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            PodEnv env = PodEnv.of(pod.container(), manifests);
            supplied.addAll(env.sources().keySet());
            read.addAll(pod.service().namesRead(env.values()));
        }
        supplied.addAll(manifests.one(ConfigMap.class, "fms-config").getData().keySet());
        supplied.addAll(
                manifests.one(Secret.class, "fms-secrets").getStringData().keySet());
        supplied.addAll(
                manifests.one(Secret.class, "fms-kafka-secrets").getStringData().keySet());
        supplied.removeAll(read);
        assertEquals(Set.of(), supplied, "supplied by k8s/ but read by no service");
    }

    @Test
    void testHooksAndScheduleModeSettingsAreNeverSupplied() {
        Set<String> supplied = new TreeSet<>(
                manifests.one(ConfigMap.class, "fms-config").getData().keySet());
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            supplied.addAll(PodEnv.of(pod.container(), manifests).sources().keySet());
        }
        supplied.retainAll(ServiceUnderTest.NOT_SUPPLIED.keySet());
        assertEquals(Set.of(), supplied);
    }

    @Test
    void theSettingsReadersAcceptTheConfigMapsValuesAsShipped() {
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            EnvReader reader = pod.service()
                    .read(PodEnv.of(pod.container(), manifests).values())
                    .reader();
            assertEquals(List.of(), reader.errors(), pod.label());
        }
    }

    @Test
    void theMergersOwnScheduleDefaultsAreTheCronJobsSchedules() {
        ServiceUnderTest merger = ServiceUnderTest.BATCH_MERGER;
        if (merger.settings().isEmpty()) {
            assertTrue(merger.pendingExtras().contains("LEASE_TTL"), "pending until MergerSettings is on main");
            return;
        }
        Workloads.Pod pod = Workloads.of(manifests, merger).get(0);
        ServiceUnderTest.Reading reading =
                merger.read(PodEnv.of(pod.container(), manifests).values());
        for (String level : List.of("hour", "day", "week")) {
            assertEquals(
                    manifests
                            .one(CronJob.class, "batch-merger-" + level)
                            .getSpec()
                            .getSchedule(),
                    reading.component(level + "Cron"),
                    level);
        }
    }

    @Test
    void eachServicesSettingsClassIsTheOneTheseChecksRun() {
        for (ServiceUnderTest service : ServiceUnderTest.values()) {
            String expected = service.settingsClass.replace('.', '/') + ".class";
            List<String> compiled = service.compiledSettingsClasses();
            assertTrue(
                    compiled.isEmpty() || compiled.contains(expected),
                    service.module + " compiles " + compiled + " but ServiceUnderTest reads " + expected
                            + ": adapt it");
            assertEquals(compiled.contains(expected), service.settings().isPresent(), service.module);
        }
    }

    @Test
    void secretsComeFromSecretsOnlyAndTheMinioSecretHoldsTheMinioKeysOnly() {
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            PodEnv env = PodEnv.of(pod.container(), manifests);
            LakeSettings settings = LakeSettings.read(new EnvReader(env.values()), "x");
            Set<String> secretNames = new TreeSet<>();
            settings.describe().stream()
                    .filter(l -> l.endsWith("=[hidden]"))
                    .forEach(l -> secretNames.add(l.substring(0, l.indexOf('='))));
            assertEquals(
                    Set.of(
                            "MINIO_ACCESS_KEY",
                            "MINIO_SECRET_KEY",
                            "KAFKA_SASL_JAAS_CONFIG",
                            "KAFKA_SSL_TRUSTSTORE_PASSWORD"),
                    secretNames,
                    "the secrets the settings know");
            for (String name : secretNames) {
                PodEnv.Source s = env.sources().get(name);
                assertTrue(s.fromSecret(), pod.label() + ": " + name + " must come from a Secret, not " + s);
                boolean minio = name.startsWith("MINIO_");
                assertEquals(minio ? "fms-secrets" : "fms-kafka-secrets", s.object(), pod.label() + " " + name);
                assertEquals(!minio, s.optional(), pod.label() + ": only the Kafka secret is optional, " + name);
            }
        }
        assertEquals(
                Set.of("MINIO_ACCESS_KEY", "MINIO_SECRET_KEY"),
                manifests.one(Secret.class, "fms-secrets").getStringData().keySet());
    }

    @Test
    void eachServiceUsesItsOwnConsumerGroupAndTheMergerKnowsTheCollectors() {
        ConfigMap config = manifests.one(ConfigMap.class, "fms-config");
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            PodEnv env = PodEnv.of(pod.container(), manifests);
            assertEquals(pod.service().defaultGroupId, env.values().get("KAFKA_GROUP_ID"), pod.label());
            assertEquals("fms-config", env.sources().get("KAFKA_BROKERS").object(), pod.label());
        }
        assertEquals(
                ServiceUnderTest.REALTIME_COLLECTOR.defaultGroupId,
                config.getData().get("COLLECTOR_GROUP_ID"));
    }
}
