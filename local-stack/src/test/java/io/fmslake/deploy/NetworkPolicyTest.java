package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NetworkPolicyTest {
    private final Manifests manifests = Manifests.load();
    private final Map<String, String> config =
            manifests.one(ConfigMap.class, "fms-config").getData();

    /** Every pod is selected by a policy that restricts both directions. */
    @Test
    void everyWorkloadIsCoveredByAnIngressAndEgressPolicy() {
        for (Workloads.Pod pod : Workloads.all(manifests)) {
            Map<String, String> labels = podLabels(pod);
            List<NetworkPolicy> covering = manifests.applied(NetworkPolicy.class).stream()
                    .filter(p -> selects(p.getSpec().getPodSelector(), labels))
                    .toList();
            assertEquals(1, covering.size(), pod.label() + " is selected by exactly one policy");
            assertEquals(
                    Set.of("Ingress", "Egress"),
                    Set.copyOf(covering.get(0).getSpec().getPolicyTypes()));
        }
    }

    @Test
    void egressIsOnlyDnsKafkaAndMinio() {
        Set<String> expected = new TreeSet<>(Set.of("53/UDP", "53/TCP"));
        for (String broker : config.get("KAFKA_BROKERS").split(",")) {
            expected.add(broker.trim().substring(broker.trim().lastIndexOf(':') + 1) + "/TCP");
        }
        String minio = config.get("MINIO_ENDPOINT");
        expected.add((minio.contains(":")
                        ? minio.substring(minio.lastIndexOf(':') + 1)
                        : Boolean.parseBoolean(config.get("MINIO_SECURE")) ? "443" : "80")
                + "/TCP");
        for (NetworkPolicy p : manifests.applied(NetworkPolicy.class)) {
            Set<String> ports = p.getSpec().getEgress().stream()
                    .flatMap(r -> r.getPorts().stream())
                    .map(NetworkPolicyTest::port)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, ports, p.getMetadata().getName());
            p.getSpec()
                    .getEgress()
                    .forEach(r -> assertTrue(
                            r.getPorts() != null && !r.getPorts().isEmpty(),
                            p.getMetadata().getName() + ": every egress rule names its ports"));
        }
    }

    @Test
    void onlyTheCollectorsMetricsPortAcceptsConnections() {
        for (NetworkPolicy p : manifests.applied(NetworkPolicy.class)) {
            Set<String> ports = p.getSpec().getIngress() == null
                    ? Set.of()
                    : p.getSpec().getIngress().stream()
                            .flatMap(r -> r.getPorts().stream())
                            .map(NetworkPolicyTest::port)
                            .collect(Collectors.toSet());
            boolean collector = selects(p.getSpec().getPodSelector(), Map.of("app", "realtime-collector"));
            assertEquals(
                    collector ? Set.of(config.get("HTTP_PORT") + "/TCP") : Set.of(),
                    ports,
                    p.getMetadata().getName());
        }
    }

    private static String port(NetworkPolicyPort p) {
        IntOrString port = p.getPort();
        return (port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal()) + "/" + p.getProtocol();
    }

    private static Map<String, String> podLabels(Workloads.Pod pod) {
        if (pod.owner() instanceof io.fabric8.kubernetes.api.model.apps.Deployment d) {
            return d.getSpec().getTemplate().getMetadata().getLabels();
        }
        if (pod.owner() instanceof io.fabric8.kubernetes.api.model.batch.v1.CronJob c) {
            return c.getSpec()
                    .getJobTemplate()
                    .getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getLabels();
        }
        return ((io.fabric8.kubernetes.api.model.batch.v1.Job) pod.owner())
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels();
    }

    /** Label-selector semantics for matchLabels and the In / NotIn / Exists operators. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null
                && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions() == null
                ? List.<LabelSelectorRequirement>of()
                : selector.getMatchExpressions()) {
            String v = labels.get(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> v != null && r.getValues().contains(v);
                case "NotIn" -> v == null || !r.getValues().contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> throw new AssertionError("operator " + r.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
