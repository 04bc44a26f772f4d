package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The restricted Pod Security Standard, and least privilege towards the Kubernetes API. */
class PodSecurityTest {
    private final Manifests manifests = Manifests.load();

    @Test
    void everyPodRunsAsTheImagesNonRootUserWithTheDefaultSeccompProfile() {
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            PodSecurityContext psc = pod.spec().getSecurityContext();
            assertTrue(psc.getRunAsNonRoot(), pod.label());
            assertEquals(10001L, psc.getRunAsUser(), pod.label() + ": the Dockerfiles' USER");
            assertEquals(10001L, psc.getRunAsGroup(), pod.label());
            assertEquals("RuntimeDefault", psc.getSeccompProfile().getType(), pod.label());
        }
    }

    @Test
    void everyContainerHasAReadOnlyRootNoCapabilitiesAndNoEscalation() {
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            SecurityContext sc = pod.container().getSecurityContext();
            assertTrue(sc.getReadOnlyRootFilesystem(), pod.label());
            assertFalse(sc.getAllowPrivilegeEscalation(), pod.label());
            assertFalse(sc.getPrivileged(), pod.label());
            assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), pod.label());
            assertTrue(sc.getCapabilities().getAdd() == null
                    || sc.getCapabilities().getAdd().isEmpty());
        }
    }

    @Test
    void tmpIsAWritableEmptyDirAndTheKafkaSecretIsAnOptionalReadOnlyMount() {
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            List<VolumeMount> mounts = pod.container().getVolumeMounts();
            VolumeMount tmp = mounts.stream()
                    .filter(m -> m.getMountPath().equals("/tmp"))
                    .findFirst()
                    .orElseThrow();
            Volume tmpVolume = volume(pod, tmp.getName());
            assertNotNull(tmpVolume.getEmptyDir(), pod.label() + ": /tmp is an emptyDir");
            assertNotNull(tmpVolume.getEmptyDir().getSizeLimit(), pod.label() + ": /tmp has a size limit");

            VolumeMount kafka = mounts.stream()
                    .filter(m -> m.getMountPath().equals("/etc/fms/kafka"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(kafka.getReadOnly(), pod.label());
            Volume secret = volume(pod, kafka.getName());
            assertEquals("fms-kafka-secrets", secret.getSecret().getSecretName());
            assertTrue(secret.getSecret().getOptional(), pod.label() + ": pods start without the Kafka secret");
            assertEquals(0440, secret.getSecret().getDefaultMode(), pod.label() + ": mode 0440");
            assertEquals(10001L, pod.spec().getSecurityContext().getFsGroup(), pod.label() + ": group-readable");
        }
    }

    private static Volume volume(Workloads.Pod pod, String name) {
        return pod.spec().getVolumes().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(pod.label() + ": no volume " + name));
    }

    @Test
    void eachServiceHasItsOwnAccountWithoutAnApiToken() {
        Set<String> accounts = manifests.applied(ServiceAccount.class).stream()
                .peek(sa -> assertFalse(
                        sa.getAutomountServiceAccountToken(), sa.getMetadata().getName()))
                .map(sa -> sa.getMetadata().getName())
                .collect(Collectors.toSet());
        assertEquals(Set.of("realtime-collector", "batch-merger", "backfill-loader"), accounts);
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            assertEquals(pod.service().module, pod.spec().getServiceAccountName(), pod.label());
            assertFalse(pod.spec().getAutomountServiceAccountToken(), pod.label());
        }
    }
}
