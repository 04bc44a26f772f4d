package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * k8s/Kustomization, the base of {@code kubectl apply -k k8s/}: the same objects as {@code kubectl apply -f k8s/},
 * unchanged, and a file name that {@code kubectl apply -f k8s/} does not read.
 */
class KustomizationTest {
    private final Kustomization base = Kustomization.load("k8s");

    @Test
    void everyManifestOfTheFolderIsListedExactlyOnceAndEveryListedFileExists() {
        List<String> listed = base.resources();
        Set<String> seen = new HashSet<>();
        List<String> twice = listed.stream().filter(r -> !seen.add(r)).toList();
        assertEquals(List.of(), twice, base.file() + ": listed more than once");
        for (String r : listed) {
            assertTrue(Files.isRegularFile(base.resolve(r)), base.file() + " lists " + r + ", which is no file");
            assertEquals(RepoFiles.path("k8s"), base.resolve(r).getParent(), r + ": a manifest of k8s/ itself");
        }
        Set<String> applied = Manifests.yamlFiles(RepoFiles.path("k8s")).stream()
                .map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                applied,
                new TreeSet<>(listed),
                "the kustomization lists exactly the files kubectl apply -f k8s/ applies");
    }

    /** deploy.sh, the docs and the selectors use the names as written; an overlay may change them, the base not. */
    @Test
    void theBaseOnlyListsTheManifestsAndChangesNothing() {
        assertEquals(
                Set.of("apiVersion", "kind", "resources"),
                base.fields(),
                base.file() + ": no namePrefix, namespace, labels, images or patches in the base");
        assertEquals("kustomize.config.k8s.io/v1beta1", base.text("apiVersion"));
        assertEquals("Kustomization", base.text("kind"));
    }

    /**
     * {@code kubectl apply -f k8s/} and {@code kubectl delete -f k8s/} (deploy.sh undeploy) read every .yaml, .yml
     * and .json file of the folder as a Kubernetes object and exit 1 on a kustomization.yaml ("no matches for kind
     * Kustomization"); they skip a file named Kustomization.
     */
    @Test
    void theKustomizationFileIsOneThatKubectlApplyOfTheFolderSkips() {
        assertEquals("k8s/Kustomization", base.file());
        List<Path> read = Manifests.yamlFiles(RepoFiles.path("k8s"));
        assertFalse(read.contains(RepoFiles.path(base.file())), "kubectl apply -f k8s/ would read " + base.file());
        for (String name : Kustomization.FILE_NAMES) {
            assertFalse(read.contains(RepoFiles.path("k8s/" + name)), "k8s/" + name + " breaks kubectl apply -f k8s/");
        }
    }
}
