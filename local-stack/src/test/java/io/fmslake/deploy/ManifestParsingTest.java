package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ManifestParsingTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: x
            spec:
              selector:
                matchLabels: {app: x}
              template:
                metadata:
                  labels: {app: x}
                spec:
                  containers:
                    - name: x
                      image: x:1
            """;

    @Test
    void everyManifestParsesStrictlyIntoTheKubernetesModel() {
        Manifests m = Manifests.load();
        Map<String, List<String>> byFile = m.entries().stream()
                .collect(Collectors.groupingBy(
                        Manifests.Entry::file,
                        Collectors.mapping(
                                e -> e.object().getKind() + "/"
                                        + e.object().getMetadata().getName(),
                                Collectors.toList())));
        assertEquals(
                Map.of(
                        "k8s/configmap.yaml",
                        List.of("ConfigMap/fms-config"),
                        "k8s/realtime-collector-deployment.yaml",
                        List.of("Deployment/realtime-collector"),
                        "k8s/realtime-collector-service.yaml",
                        List.of("Service/realtime-collector"),
                        "k8s/batch-merger-cronjobs.yaml",
                        List.of(
                                "CronJob/batch-merger-hour",
                                "CronJob/batch-merger-day",
                                "CronJob/batch-merger-week",
                                "CronJob/batch-merger-verify"),
                        "k8s/backfill-loader-job.yaml",
                        List.of("Job/backfill-loader"),
                        "k8s/serviceaccounts.yaml",
                        List.of(
                                "ServiceAccount/realtime-collector",
                                "ServiceAccount/batch-merger",
                                "ServiceAccount/backfill-loader"),
                        "k8s/network-policies.yaml",
                        List.of("NetworkPolicy/realtime-collector", "NetworkPolicy/fms-batch"),
                        "k8s/examples/fms-secrets.yaml",
                        List.of("Secret/fms-secrets"),
                        "k8s/examples/fms-kafka-secrets.yaml",
                        List.of("Secret/fms-kafka-secrets")),
                byFile);
    }

    @Test
    void theParserRejectsAnUnknownFieldAnywhereInTheTree() {
        Manifests.parse(DEPLOYMENT, "ok.yaml");
        String typo = DEPLOYMENT.replace("image: x:1", "image: x:1\n          imagePulPolicy: Always");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Manifests.parse(typo, "t"));
        assertTrue(e.getMessage().contains("spec.template.spec.containers[0].imagePulPolicy"), e.getMessage());

        String topLevel = DEPLOYMENT.replace("spec:\n  selector", "spec:\n  replica: 2\n  selector");
        e = assertThrows(IllegalArgumentException.class, () -> Manifests.parse(topLevel, "t"));
        assertTrue(e.getMessage().contains("spec.replica"), e.getMessage());
    }

    @Test
    void theParserRejectsWrongTypesDuplicateKeysAndUnknownKinds() {
        String wrongType = DEPLOYMENT.replace("spec:\n  selector", "spec:\n  replicas: many\n  selector");
        assertThrows(IllegalArgumentException.class, () -> Manifests.parse(wrongType, "t"));

        String duplicate = DEPLOYMENT.replace("  name: x\n", "  name: x\n  name: y\n");
        assertThrows(IllegalArgumentException.class, () -> Manifests.parse(duplicate, "t"));

        String kind = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n";
        assertThrows(IllegalArgumentException.class, () -> Manifests.parse(kind, "t"));
        String custom = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n";
        assertThrows(IllegalArgumentException.class, () -> Manifests.parse(custom, "t"));
    }

    @Test
    void theSecretTemplatesAreNotAppliedByKubectlApplyOfTheFolderAndHoldNoRealValues() {
        Manifests m = Manifests.load();
        assertEquals(List.of(), m.applied(Secret.class), "kubectl apply -f k8s/ must not apply a Secret");
        Secret minio = m.one(Secret.class, "fms-secrets");
        assertEquals(m.fileOf(minio), "k8s/examples/fms-secrets.yaml");
        assertEquals(
                List.of("MINIO_ACCESS_KEY", "MINIO_SECRET_KEY"),
                List.copyOf(minio.getStringData().keySet()));
        assertTrue(minio.getData() == null || minio.getData().isEmpty());
        for (Secret s : List.of(minio, m.one(Secret.class, "fms-kafka-secrets"))) {
            s.getStringData()
                    .forEach((k, v) -> assertTrue(
                            v.startsWith("<") && v.endsWith(">"),
                            k + " in " + s.getMetadata().getName() + " must be a <placeholder>"));
        }
    }

    @Test
    void everyObjectIsLabelledAsPartOfTheProduct() {
        for (Manifests.Entry e : Manifests.load().entries()) {
            HasMetadata o = e.object();
            assertEquals(
                    "fms-lake",
                    o.getMetadata().getLabels().get("app.kubernetes.io/part-of"),
                    e.file() + " " + o.getKind() + "/" + o.getMetadata().getName());
            assertFalse(o.getMetadata().getName().isBlank());
        }
    }
}
