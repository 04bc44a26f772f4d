package io.fmslake.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a container gets from its manifest: envFrom ConfigMaps and Secrets, literal env values, and
 * configMapKeyRef / secretKeyRef values. Secret values come from the templates in k8s/examples/ (placeholders).
 */
record PodEnv(Map<String, Source> sources) {

    /** Where one variable comes from. {@code object} is the ConfigMap or Secret name, null for a literal. */
    record Source(String kind, String object, String key, boolean optional, String value) {
        boolean fromSecret() {
            return kind.equals("Secret");
        }
    }

    static PodEnv of(Container c, Manifests m) {
        Map<String, Source> out = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                ConfigMap cm = m.one(ConfigMap.class, name);
                boolean optional = Boolean.TRUE.equals(from.getConfigMapRef().getOptional());
                cm.getData().forEach((k, v) -> out.put(k, new Source("ConfigMap", name, k, optional, v)));
            }
            if (from.getSecretRef() != null) {
                String name = from.getSecretRef().getName();
                boolean optional = Boolean.TRUE.equals(from.getSecretRef().getOptional());
                secretData(m, name).forEach((k, v) -> out.put(k, new Source("Secret", name, k, optional, v)));
            }
        }
        for (EnvVar e : c.getEnv()) {
            out.put(e.getName(), source(e, m));
        }
        return new PodEnv(out);
    }

    private static Source source(EnvVar e, Manifests m) {
        EnvVarSource from = e.getValueFrom();
        if (from == null) {
            return new Source("literal", null, e.getName(), false, e.getValue());
        }
        if (from.getConfigMapKeyRef() != null) {
            var ref = from.getConfigMapKeyRef();
            String value = m.one(ConfigMap.class, ref.getName()).getData().get(ref.getKey());
            if (value == null) {
                throw new AssertionError(e.getName() + ": ConfigMap " + ref.getName() + " has no key " + ref.getKey());
            }
            return new Source("ConfigMap", ref.getName(), ref.getKey(), Boolean.TRUE.equals(ref.getOptional()), value);
        }
        if (from.getSecretKeyRef() != null) {
            var ref = from.getSecretKeyRef();
            String value = secretData(m, ref.getName()).get(ref.getKey());
            if (value == null) {
                throw new AssertionError(
                        e.getName() + ": Secret " + ref.getName() + " (k8s/examples) has no key " + ref.getKey());
            }
            return new Source("Secret", ref.getName(), ref.getKey(), Boolean.TRUE.equals(ref.getOptional()), value);
        }
        throw new AssertionError(e.getName() + ": unsupported valueFrom " + from);
    }

    private static Map<String, String> secretData(Manifests m, String name) {
        Secret s = m.one(Secret.class, name);
        return s.getStringData() == null ? Map.of() : s.getStringData();
    }

    /** Name to value, as the container would see it with every optional Secret present. */
    Map<String, String> values() {
        Map<String, String> env = new LinkedHashMap<>();
        sources.forEach((k, s) -> env.put(k, s.value() == null ? "" : s.value()));
        return env;
    }
}
