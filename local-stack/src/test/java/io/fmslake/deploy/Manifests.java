package io.fmslake.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every object in k8s/*.yaml and k8s/examples/*.yaml, parsed strictly into fabric8's Kubernetes model: an
 * unknown kind, an unknown field, a wrongly typed value or a duplicate key fails the parse.
 */
final class Manifests {
    /** The kinds the project deploys; anything else in k8s/ is a mistake. */
    static final Set<Class<? extends HasMetadata>> KINDS = Set.of(
            ConfigMap.class,
            Secret.class,
            Service.class,
            ServiceAccount.class,
            Deployment.class,
            CronJob.class,
            Job.class,
            NetworkPolicy.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One parsed object and the file it came from. */
    record Entry(String file, HasMetadata object) {}

    private final List<Entry> entries;

    private Manifests(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    private static Manifests loaded;

    /** Parses k8s/*.yaml (what {@code kubectl apply -f k8s/} applies) and k8s/examples/*.yaml, once per JVM. */
    static synchronized Manifests load() {
        if (loaded == null) {
            loaded = parseAll();
        }
        return loaded;
    }

    private static Manifests parseAll() {
        List<Entry> all = new ArrayList<>();
        for (Path file : yamlFiles(RepoFiles.path("k8s"))) {
            all.addAll(parseFile(file, "k8s/" + file.getFileName()));
        }
        for (Path file : yamlFiles(RepoFiles.path("k8s/examples"))) {
            all.addAll(parseFile(file, "k8s/examples/" + file.getFileName()));
        }
        return new Manifests(all);
    }

    /** The objects of one YAML text, such as the output of {@code kubectl kustomize}, parsed strictly. */
    static Manifests parsed(String yaml, String name) {
        return new Manifests(parse(yaml, name));
    }

    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")
                            || p.toString().endsWith(".yml")
                            || p.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Entry> parseFile(Path file, String name) {
        try {
            return parse(Files.readString(file), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a multi-document YAML text; throws {@link IllegalArgumentException} naming what is wrong. */
    static List<Entry> parse(String yaml, String name) {
        List<Entry> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                index++;
                if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                    continue;
                }
                out.add(new Entry(name, toModel(doc, name + " document " + index)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not valid YAML: " + e.getMessage(), e);
        }
        return out;
    }

    private static HasMetadata toModel(JsonNode doc, String where) throws IOException {
        KubernetesResource parsed = YAML.treeToValue(doc, KubernetesResource.class);
        if (!(parsed instanceof HasMetadata object) || KINDS.stream().noneMatch(k -> k == parsed.getClass())) {
            throw new IllegalArgumentException(where + ": unexpected kind "
                    + doc.path("apiVersion").asText() + "/" + doc.path("kind").asText() + " (parsed as "
                    + parsed.getClass().getSimpleName() + ")");
        }
        List<String> unknown = StrictModel.unknownFields(object);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + " (" + object.getKind() + " "
                    + object.getMetadata().getName() + "): unknown fields " + unknown);
        }
        return object;
    }

    static String toYaml(Object model) {
        try {
            return YAML.writeValueAsString(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Entry> entries() {
        return entries;
    }

    /** Objects of one kind that {@code kubectl apply -f k8s/} applies (the examples are left out). */
    <T extends HasMetadata> List<T> applied(Class<T> kind) {
        return entries.stream()
                .filter(e -> !e.file().startsWith("k8s/examples/"))
                .map(Entry::object)
                .filter(kind::isInstance)
                .map(kind::cast)
                .toList();
    }

    /** The single applied or example object of this kind and name. */
    <T extends HasMetadata> T one(Class<T> kind, String name) {
        List<T> found = entries.stream()
                .map(Entry::object)
                .filter(kind::isInstance)
                .map(kind::cast)
                .filter(o -> name.equals(o.getMetadata().getName()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind.getSimpleName() + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    String fileOf(HasMetadata object) {
        return entries.stream()
                .filter(e -> e.object() == object)
                .map(Entry::file)
                .findFirst()
                .orElseThrow();
    }
}
