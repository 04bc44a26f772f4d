package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(List.of(RepoFiles.path("k8s")), overlay.resources().stream().map(overlay::resolve).toList());
        assertTrue(Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches")
                .containsAll(overlay.fields()), overlay.file() + " uses fields these tests do not check: "
                + overlay.fields());
    }

    @Test
    void everyPatchChangesAnObjectOfTheBase() {
        List<HasMetadata> patches = overlay.patchObjects();
        assertTrue(patches.size() > 0, overlay.file() + " has patches");
        Set<String> inBase = base.applied(HasMetadata.class).stream().map(ExampleOverlayTest::id)
                .collect(Collectors.toSet());
        for (HasMetadata p : patches) {
            assertTrue(inBase.contains(id(p)), overlay.file() + " patches " + id(p) + ", which the base lacks");
            assertNull(p.getMetadata().getNamespace(), id(p) + ": the overlay's namespace: applies");
        }
    }

    /** MergerCronJobsTest#theCronJobsTimeZoneIsTheConfiguredTimezone, for the overlay. */
    @Test
    void theConfiguredZoneAndTheCronJobsZoneAreOneZone() {
        String zone = configValue("TIMEZONE");
        assertNotNull(ZoneId.of(zone), "TIMEZONE " + zone);
        List<CronJob> cronJobs = base.applied(CronJob.class);
        assertEquals(3, cronJobs.size());
        for (CronJob c : cronJobs) {
            String name = c.getMetadata().getName();
            String effective = patched(CronJob.class, name, p -> p.getSpec() == null ? null : p.getSpec().getTimeZone(),
                    c.getSpec().getTimeZone());
            assertEquals(zone, effective, "spec.timeZone of CronJob " + name + " in " + DIR);
        }
    }

    @Test
    void everyModuleRunsFromARegistryWithAFixedTag() {
        List<Kustomization.Image> images = overlay.images();
        Set<String> modules = Workloads.all(base).stream().map(p -> p.service().module)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(modules, images.stream().map(Kustomization.Image::name)
                .collect(Collectors.toCollection(TreeSet::new)), "one images: entry per deployed module");
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
        Function<String, String> baseValue = k -> base.one(ConfigMap.class, "fms-config").getData().get(k);
        assertEquals(ports(baseValue.apply("KAFKA_BROKERS")), ports(configValue("KAFKA_BROKERS")),
                "another Kafka port needs a patch of k8s/network-policies.yaml (and of this test)");
        assertEquals(ports(baseValue.apply("MINIO_ENDPOINT")), ports(configValue("MINIO_ENDPOINT")),
                "another MinIO port needs a patch of k8s/network-policies.yaml (and of this test)");
    }

    /**
     * README-deploy.md applies an overlay with {@code -l 'app!=backfill-loader'} and starts the backfill with
     * {@code -l app=backfill-loader}: the label picks the backfill's objects and nothing else.
     */
    @Test
    void theLabelAppBackfillLoaderSelectsTheBackfillsObjectsOnly() {
        List<String> labelled = base.applied(HasMetadata.class).stream()
                .filter(o -> "backfill-loader".equals(o.getMetadata().getLabels().get("app")))
                .map(ExampleOverlayTest::id).sorted().toList();
        assertEquals(List.of("Job/backfill-loader", "ServiceAccount/backfill-loader"), labelled);
    }

    /** A key of the ConfigMap fms-config as the overlay leaves it. */
    private String configValue(String key) {
        ConfigMap config = base.one(ConfigMap.class, "fms-config");
        return patched(ConfigMap.class, "fms-config", p -> p.getData() == null ? null : p.getData().get(key),
                config.getData().get(key));
    }

    /** The field as the last patch of the object that sets it leaves it, else as the base has it. */
    private <T extends HasMetadata> String patched(Class<T> kind, String name, Function<T, String> field,
            String inBase) {
        String value = inBase;
        for (HasMetadata p : overlay.patchObjects()) {
            if (kind.isInstance(p) && name.equals(p.getMetadata().getName())) {
                String set = field.apply(kind.cast(p));
                value = set == null ? value : set;
            }
        }
        return value;
    }

    private static Set<String> ports(String hostPorts) {
        return Arrays.stream(hostPorts.split(",")).map(String::trim)
                .map(h -> h.substring(h.lastIndexOf(':') + 1)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String id(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }
}
