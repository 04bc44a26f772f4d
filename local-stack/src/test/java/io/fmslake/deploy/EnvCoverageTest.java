package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fmslake.config.EnvReader;
import io.fmslake.config.LakeSettings;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every variable a service's settings code reads is supplied to its pods, and every variable the manifests
 * supply is read by some service. "Read" is what the service's own reader asks {@link EnvReader} for.
 */
class EnvCoverageTest {
    private final Manifests manifests = Manifests.load();

    @Test
    void everyVariableAServiceReadsIsSuppliedToEachOfItsPods() {
        for (ServiceUnderTest service : ServiceUnderTest.values()) {
            assertFalse(Workloads.of(manifests, service).isEmpty(), "no workload runs " + service.module);
            for (Workloads.Pod pod : Workloads.of(manifests, service)) {
                PodEnv env = PodEnv.of(pod.container(), manifests);
                Set<String> missing = new TreeSet<>(service.read(env.values()).namesRead());
                missing.removeAll(env.sources().keySet());
                assertEquals(Set.of(), missing, pod.label() + " does not supply variables " + service.module + " reads");
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
            read.addAll(pod.service().read(env.values()).namesRead());
            read.addAll(pod.service().pendingExtras);
        }
        supplied.addAll(manifests.one(ConfigMap.class, "fms-config").getData().keySet());
        supplied.addAll(manifests.one(Secret.class, "fms-secrets").getStringData().keySet());
        supplied.addAll(manifests.one(Secret.class, "fms-kafka-secrets").getStringData().keySet());
        supplied.removeAll(read);
        assertEquals(Set.of(), supplied, "supplied by k8s/ but read by no service");
    }

    @Test
    void theSettingsReadersAcceptTheConfigMapsValuesAsShipped() {
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            EnvReader reader = pod.service().read(PodEnv.of(pod.container(), manifests).values());
            assertEquals(java.util.List.of(), reader.errors(), pod.label());
        }
    }

    @Test
    void secretsComeFromSecretsOnlyAndTheMinioSecretHoldsTheMinioKeysOnly() {
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            PodEnv env = PodEnv.of(pod.container(), manifests);
            EnvReader reader = new EnvReader(env.values());
            LakeSettings settings = LakeSettings.read(reader, "x");
            Set<String> secretNames = new TreeSet<>();
            settings.describe().stream().filter(l -> l.endsWith("=[hidden]"))
                    .forEach(l -> secretNames.add(l.substring(0, l.indexOf('='))));
            assertEquals(Set.of("MINIO_ACCESS_KEY", "MINIO_SECRET_KEY", "KAFKA_SASL_JAAS_CONFIG",
                    "KAFKA_SSL_TRUSTSTORE_PASSWORD"), secretNames, "the secrets the settings know");
            for (String name : secretNames) {
                PodEnv.Source s = env.sources().get(name);
                assertTrue(s.fromSecret(), pod.label() + ": " + name + " must come from a Secret, not " + s);
                boolean minio = name.startsWith("MINIO_");
                assertEquals(minio ? "fms-secrets" : "fms-kafka-secrets", s.object(), pod.label() + " " + name);
                assertEquals(!minio, s.optional(), pod.label() + ": only the Kafka secret is optional, " + name);
            }
        }
        assertEquals(Set.of("MINIO_ACCESS_KEY", "MINIO_SECRET_KEY"),
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
        assertEquals(ServiceUnderTest.REALTIME_COLLECTOR.defaultGroupId, config.getData().get("COLLECTOR_GROUP_ID"));
    }
}
