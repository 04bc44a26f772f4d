package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The example overlay k8s-overlays/example, read without kubectl: it builds on the base, its patches change
 * objects the base has, and the zone of the ConfigMap and of the merge CronJobs stays one zone.
 * (KubectlKustomizeTest renders it with kubectl where kubectl is installed.)
 */
class ExampleOverlayTest {
    static final String DIR = "k8s-overlays/example";

    private final Manifests base = Manifests.load();
    private final Kustomization overlay = Kustomization.load(DIR);

    @Test
    void itBuildsOnTheBaseWithFieldsTheseTestsUnderstand() {
        assertEquals(
                List.of(RepoFiles.path("k8s")),
                overlay.resources().stream().map(overlay::resolve).toList());
        assertTrue(
                Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches")
                        .containsAll(overlay.fields()),
                overlay.file() + " uses fields these tests do not check: " + overlay.fields());
    }

    @Test
    void everyPatchChangesAnObjectOfTheBase() {
        List<Kustomization.Patch> patches = overlay.patches();
        assertTrue(patches.size() > 0, overlay.file() + " has patches");
        List<HasMetadata> objects = base.applied(HasMetadata.class);
        for (Kustomization.Patch p : patches) {
            assertTrue(
                    objects.stream().anyMatch(p::changes),
                    overlay.file() + " patches " + id(p.object())
                            + (p.targetKind() == null ? "" : " (every " + p.targetKind() + ")")
                            + ", which the base lacks");
            assertNull(p.object().getMetadata().getNamespace(), id(p.object()) + ": the overlay's namespace: applies");
        }
    }

    /** MergerCronJobsTest#theCronJobsTimeZoneIsTheConfiguredTimezone, for the overlay. */
    @Test
    void theConfiguredZoneAndTheCronJobsZoneAreOneZone() {
        String zone = configValue("TIMEZONE");
        assertNotNull(ZoneId.of(zone), "TIMEZONE " + zone);
        List<CronJob> cronJobs = base.applied(CronJob.class);
        assertFalse(cronJobs.isEmpty());
        for (CronJob c : cronJobs) {
            String effective =
                    patched(c, p -> p.getSpec() == null ? null : p.getSpec().getTimeZone());
            assertEquals(
                    zone,
                    effective,
                    "spec.timeZone of CronJob " + c.getMetadata().getName() + " in " + DIR);
        }
    }

    @Test
    void everyModuleRunsFromARegistryWithAFixedTag() {
        List<Kustomization.Image> images = overlay.images();
        Set<String> modules = Workloads.all(base).stream()
                .map(p -> p.service().module)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                modules,
                images.stream().map(Kustomization.Image::name).collect(Collectors.toCollection(TreeSet::new)),
                "one images: entry per deployed module");
        for (Kustomization.Image i : images) {
            assertNotNull(i.newName(), i.name() + ": newName");
            assertTrue(i.newName().matches("[a-z0-9.:-]+(/[a-z0-9._-]+)*/" + i.name()), i.newName());
            assertNotNull(i.newTag(), i.name() + ": newTag");
            assertTrue(i.newTag().matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"), i.name() + ": tag " + i.newTag());
            assertNotEquals("latest", i.newTag(), i.name() + ": a fixed tag (IfNotPresent never pulls a new latest)");
        }
    }

    @Test
    void itDeploysIntoItsOwnNamespace() {
        String ns = overlay.text("namespace");
        assertNotNull(ns, overlay.file() + ": namespace");
        assertTrue(ns.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"), ns);
        assertNotEquals("default", ns);
    }

    /** The base's NetworkPolicies let the pods reach only the ports of the base's brokers and MinIO. */
    @Test
    void itsBrokersAndMinioListenOnThePortsTheNetworkPoliciesAllow() {
        Function<String, String> baseValue =
                k -> base.one(ConfigMap.class, "fms-config").getData().get(k);
        assertEquals(
                ports(baseValue.apply("KAFKA_BROKERS")),
                ports(configValue("KAFKA_BROKERS")),
                "another Kafka port needs a patch of k8s/network-policies.yaml (and of this test)");
        assertEquals(
                ports(baseValue.apply("MINIO_ENDPOINT")),
                ports(configValue("MINIO_ENDPOINT")),
                "another MinIO port needs a patch of k8s/network-policies.yaml (and of this test)");
    }

    /**
     * README-deploy.md applies an overlay with {@code -l 'app!=backfill-loader'} and starts the backfill with
     * {@code -l app=backfill-loader}: the label picks the backfill's objects and nothing else.
     */
    @Test
    void theLabelAppBackfillLoaderSelectsTheBackfillsObjectsOnly() {
        List<String> labelled = base.applied(HasMetadata.class).stream()
                .filter(o ->
                        "backfill-loader".equals(o.getMetadata().getLabels().get("app")))
                .map(ExampleOverlayTest::id)
                .sorted()
                .toList();
        assertEquals(List.of("Job/backfill-loader", "ServiceAccount/backfill-loader"), labelled);
    }

    /** A key of the ConfigMap fms-config as the overlay leaves it. */
    private String configValue(String key) {
        return patched(
                base.one(ConfigMap.class, "fms-config"),
                p -> p.getData() == null ? null : p.getData().get(key));
    }

    /** The field of a base object as the last patch of it that sets the field leaves it, else as the base has it. */
    private <T extends HasMetadata> String patched(T inBase, Function<T, String> field) {
        @SuppressWarnings("unchecked")
        Class<T> kind = (Class<T>) inBase.getClass();
        String value = field.apply(inBase);
        for (Kustomization.Patch p : overlay.patches()) {
            if (p.changes(inBase) && kind.isInstance(p.object())) {
                String set = field.apply(kind.cast(p.object()));
                value = set == null ? value : set;
            }
        }
        return value;
    }

    private static Set<String> ports(String hostPorts) {
        return Arrays.stream(hostPorts.split(","))
                .map(String::trim)
                .map(h -> h.substring(h.lastIndexOf(':') + 1))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String id(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }
}
