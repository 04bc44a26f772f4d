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
 * the Kubernetes model like the manifests (so a misspelt field in a patch fails too).
 */
final class Kustomization {
    /** The names kustomize looks for, in its order; a folder with more than one is an error to kustomize. */
    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** One entry of {@code images:}. */
    record Image(String name, String newName, String newTag) {
    }

    private final String file;
    private final JsonNode root;

    private Kustomization(String file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** The kustomization of a folder given relative to the repository root, e.g. {@code k8s}. */
    static Kustomization load(String dir) {
        List<String> present = FILE_NAMES.stream().filter(n -> Files.isRegularFile(RepoFiles.path(dir).resolve(n)))
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
        root.path("images").forEach(i -> out.add(new Image(i.path("name").asText(), i.path("newName").asText(null),
                i.path("newTag").asText(null))));
        return out;
    }

    /**
     * The objects of every entry of {@code patches:}, in order, each a strategic-merge patch naming its target by
     * kind and name (from a file, {@code path:}, or inline, {@code patch:}). A JSON 6902 patch or a patch with a
     * {@code target:} selector is refused: these tests cannot tell what it changes.
     */
    List<HasMetadata> patchObjects() {
        List<HasMetadata> out = new ArrayList<>();
        int index = 0;
        for (JsonNode patch : root.path("patches")) {
            String where = file + " patches[" + index++ + "]";
            if (patch.has("target")) {
                throw new AssertionError(where + ": a patch with target: is not evaluated by the deployment tests;"
                        + " write a strategic-merge patch naming apiVersion, kind and metadata.name");
            }
            String text = patch.has("path") ? RepoFiles.read(dir() + "/" + patch.get("path").asText())
                    : patch.path("patch").asText();
            Manifests.parse(text, where).forEach(e -> out.add(e.object()));
        }
        return out;
    }
}
