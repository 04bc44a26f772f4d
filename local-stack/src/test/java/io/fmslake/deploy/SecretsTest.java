package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets travel only through Secrets: not in the ConfigMap (least of all in JAVA_TOOL_OPTIONS, which the JVM prints
 * in every pod log), and the deployment guide never tells anyone to put one there.
 */
class SecretsTest {
    private static final List<String> SECRET_VARIABLES =
            List.of("MINIO_ACCESS_KEY", "MINIO_SECRET_KEY", "KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_PASSWORD");
    private final Manifests manifests = Manifests.load();

    @Test
    void theConfigMapHoldsNoSecretAndNoPassword() {
        Map<String, String> data = manifests.one(ConfigMap.class, "fms-config").getData();
        for (String name : SECRET_VARIABLES) {
            assertFalse(data.containsKey(name), name + " must come from a Secret, not the ConfigMap");
        }
        data.forEach((key, value) -> assertFalse(
                value.toLowerCase(Locale.ROOT).contains("password"), key + " mentions a password: " + value));
        assertEquals("", data.get("JAVA_TOOL_OPTIONS"));
    }

    @Test
    void everyPodReadsEachSecretFromASecret() {
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            for (String name : SECRET_VARIABLES) {
                EnvVar v = pod.container().getEnv().stream()
                        .filter(e -> e.getName().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(pod.label() + " does not set " + name));
                assertNotNull(v.getValueFrom(), pod.label() + " " + name);
                assertNotNull(v.getValueFrom().getSecretKeyRef(), pod.label() + " " + name + " from a Secret");
                assertEquals(name, v.getValueFrom().getSecretKeyRef().getKey(), pod.label());
            }
        }
    }

    @Test
    void theGuideNeverPutsAPasswordIntoJvmFlags() {
        for (String file : List.of("k8s/README-deploy.md", "README.md", "docs/contract.md", "k8s/configmap.yaml")) {
            for (String line : RepoFiles.read(file).split("\n")) {
                assertFalse(
                        line.contains("trustStorePassword") || line.contains("keyStorePassword"),
                        file + " passes a password as a JVM flag: " + line);
            }
        }
        assertTrue(RepoFiles.read("k8s/README-deploy.md").contains("Never put a password into `JAVA_TOOL_OPTIONS`"));
    }
}
