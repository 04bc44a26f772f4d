package io.fmslake.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds fields that the Kubernetes model did not know. fabric8's model classes swallow unknown properties into
 * an {@code additionalProperties} map (a Jackson any-setter), so FAIL_ON_UNKNOWN_PROPERTIES alone never fires:
 * this walks the parsed object graph and reports every non-empty such map with its path.
 */
final class StrictModel {
    private final List<String> unknown = new ArrayList<>();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private StrictModel() {}

    /** Paths of unknown fields, such as {@code spec.template.spec.containers[0].imagePulPolicy}. */
    static List<String> unknownFields(Object model) {
        StrictModel walker = new StrictModel();
        walker.visit(model, "");
        return walker.unknown;
    }

    private void visit(Object value, String path) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                visit(item, path + "[" + i++ + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> visit(v, path + "[" + k + "]"));
        } else if (value.getClass().getName().startsWith("io.fabric8.")) {
            visitModel(value, path);
        }
    }

    private void visitModel(Object model, String path) {
        for (Class<?> c = model.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object v = get(f, model);
                String here = path.isEmpty() ? f.getName() : path + "." + f.getName();
                if (f.getName().equals("additionalProperties") && v instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> unknown.add((path.isEmpty() ? "" : path + ".") + k));
                } else {
                    visit(v, here);
                }
            }
        }
    }

    private static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + f, e);
        }
    }
}
