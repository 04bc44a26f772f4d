package io.fmslake.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kustomization file (kustomize's {@code kustomization.yaml}, {@code kustomization.yml} or {@code Kustomization})
 * read without kubectl: its fields, resources, images and strategic-merge patches, each patch parsed strictly into
 * the Kubernetes model like the manifests (so a misspelt field in a patch fails, which kustomize would keep).
 */
final class Kustomization {
    /** The names kustomize looks for, in its order; a folder with more than one is an error to kustomize. */
    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** One entry of {@code images:}. */
    record Image(String name, String newName, String newTag) {}

    private final String file;
    private final JsonNode root;

    private Kustomization(String file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** The kustomization of a folder given relative to the repository root, e.g. {@code k8s}. */
    static Kustomization load(String dir) {
        List<String> present = FILE_NAMES.stream()
                .filter(n -> Files.isRegularFile(RepoFiles.path(dir).resolve(n)))
                .toList();
        if (present.size() != 1) {
            throw new AssertionError(dir + " must hold exactly one kustomization file, holds " + present);
        }
        String file = dir + "/" + present.get(0);
        try {
            JsonNode root = YAML.readTree(RepoFiles.read(file));
            if (root == null || !root.isObject()) {
                throw new AssertionError(file + " is not a YAML mapping");
            }
            return new Kustomization(file, root);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not valid YAML", e);
        }
    }

    /** The file, relative to the repository root. */
    String file() {
        return file;
    }

    String dir() {
        return file.substring(0, file.lastIndexOf('/'));
    }

    /** The top-level fields present, such as {@code resources} or {@code namePrefix}. */
    Set<String> fields() {
        Set<String> names = new TreeSet<>();
        root.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A top-level scalar field, or null. */
    String text(String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The entries of {@code resources:} as written, in order (duplicates kept, so a test can see them). */
    List<String> resources() {
        List<String> out = new ArrayList<>();
        root.path("resources").forEach(r -> out.add(r.asText()));
        return out;
    }

    /** A path of this kustomization's folder, such as a resource entry, resolved and normalised. */
    Path resolve(String relative) {
        return RepoFiles.path(dir()).resolve(relative).normalize();
    }

    List<Image> images() {
        List<Image> out = new ArrayList<>();
        root.path("images")
                .forEach(i -> out.add(new Image(
                        i.path("name").asText(),
                        i.path("newName").asText(null),
                        i.path("newTag").asText(null))));
        return out;
    }

    /**
     * One entry of {@code patches:}: a strategic-merge patch, and the kind of a {@code target:} selector, which
     * applies it to every object of that kind (its own name is then a placeholder), or null for the object it names.
     */
    record Patch(HasMetadata object, String targetKind) {
        /** Whether kustomize applies this patch to the base object {@code o}. */
        boolean changes(HasMetadata o) {
            return targetKind == null
                    ? o.getKind().equals(object.getKind())
                            && o.getMetadata()
                                    .getName()
                                    .equals(object.getMetadata().getName())
                    : o.getKind().equals(targetKind);
        }
    }

    /**
     * Every entry of {@code patches:}, in order, from a file ({@code path:}) or inline ({@code patch:}), parsed
     * strictly. Refused, because these tests could not tell what they change: JSON 6902 patches, and selectors other
     * than {@code target: {kind: ...}} (name patterns, label selectors).
     */
    List<Patch> patches() {
        List<Patch> out = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root.path("patches")) {
            String where = file + " patches[" + index++ + "]";
            String targetKind = entry.has("target") ? targetKind(entry.get("target"), where) : null;
            String text = entry.has("path")
                    ? RepoFiles.read(dir() + "/" + entry.get("path").asText())
                    : entry.path("patch").asText();
            for (Manifests.Entry e : Manifests.parse(text, where)) {
                if (targetKind != null && !targetKind.equals(e.object().getKind())) {
                    throw new AssertionError(
                            where + ": a " + e.object().getKind() + " patch targets kind " + targetKind);
                }
                out.add(new Patch(e.object(), targetKind));
            }
        }
        return out;
    }

    private static String targetKind(JsonNode target, String where) {
        Set<String> keys = new TreeSet<>();
        target.fieldNames().forEachRemaining(keys::add);
        if (!Set.of("kind").equals(keys)) {
            throw new AssertionError(where + ": target " + keys + " is not evaluated by the deployment tests; select"
                    + " by kind only, or write a strategic-merge patch naming its object");
        }
        return target.get("kind").asText();
    }
}
