package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the base and the example overlay with the real {@code kubectl kustomize}, where kubectl is on the PATH
 * (skipped elsewhere, e.g. on CI; KustomizationTest and ExampleOverlayTest hold the same rules without it).
 */
class KubectlKustomizeTest {
    @TempDir
    Path work;

    private final Manifests base = Manifests.load();

    @Test
    void theBaseRendersExactlyTheObjectsOfKubectlApplyOfTheFolder() {
        Map<String, HasMetadata> rendered = byId(render("k8s").applied(HasMetadata.class));
        Map<String, HasMetadata> applied = byId(base.applied(HasMetadata.class));
        assertEquals(applied.keySet(), rendered.keySet());
        applied.forEach((id, object) -> assertEquals(object, rendered.get(id), id + " is rendered unchanged"));
    }

    @Test
    void theOverlayRendersEveryObjectInItsNamespaceWithItsImagesAndOneZone() {
        Kustomization overlay = Kustomization.load(ExampleOverlayTest.DIR);
        Manifests rendered = render(ExampleOverlayTest.DIR);
        assertEquals(
                byId(base.applied(HasMetadata.class)).keySet(),
                byId(rendered.applied(HasMetadata.class)).keySet());
        for (HasMetadata o : rendered.applied(HasMetadata.class)) {
            assertEquals(overlay.text("namespace"), o.getMetadata().getNamespace(), id(o));
        }
        Map<String, String> images = overlay.images().stream()
                .collect(Collectors.toMap(Kustomization.Image::name, i -> i.newName() + ":" + i.newTag()));
        for (Workloads.Pod pod : Workloads.all(rendered)) {
            assertEquals(images.get(pod.service().module), pod.container().getImage(), pod.label());
        }
        String zone = rendered.one(ConfigMap.class, "fms-config").getData().get("TIMEZONE");
        for (CronJob c : rendered.applied(CronJob.class)) {
            assertEquals(zone, c.getSpec().getTimeZone(), c.getMetadata().getName());
        }
    }

    private Manifests render(String dir) {
        Optional<Path> kubectl = Arrays.stream(
                        System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(kubectl.isPresent(), "kubectl is not on the PATH");
        try {
            Path out = work.resolve("rendered.yaml");
            Path err = work.resolve("stderr.txt");
            Process p = new ProcessBuilder(
                            kubectl.get().toString(),
                            "kustomize",
                            RepoFiles.path(dir).toString())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 120 s");
            }
            assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + ": " + Files.readString(err));
            return Manifests.parsed(Files.readString(out), "kubectl kustomize " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Map<String, HasMetadata> byId(List<HasMetadata> objects) {
        return objects.stream()
                .collect(Collectors.toMap(
                        KubectlKustomizeTest::id,
                        Function.identity(),
                        (a, b) -> {
                            throw new AssertionError("twice: " + id(a));
                        },
                        TreeMap::new));
    }

    private static String id(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }
}
