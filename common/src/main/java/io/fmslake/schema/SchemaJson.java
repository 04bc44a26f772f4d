package io.fmslake.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The footer form of a lake schema: {@code {"version":1,"fields":[{"name":"a","type":"long"},...]}} where a
 * type is {@code "null"}, {@code "boolean"}, {@code "long"}, {@code "long_wide"}, {@code "double"},
 * {@code "string"}, {@code {"record":[fields]}} or {@code {"list":type}}.
 */
final class SchemaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaJson() {}

    static String write(LakeType.Struct payload) {
        ObjectNode root = NODES.objectNode();
        root.put("version", 1);
        root.set("fields", fields(payload));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static LakeType.Struct read(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.path("version").asInt() != 1) {
                throw new IllegalArgumentException("not a version 1 lake schema");
            }
            return struct(root.get("fields"));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("malformed lake schema JSON: " + e.getMessage(), e);
        }
    }

    private static ArrayNode fields(LakeType.Struct s) {
        ArrayNode arr = NODES.arrayNode();
        for (LakeType.Field f : s.fields()) {
            ObjectNode n = arr.addObject();
            n.put("name", f.name());
            n.set("type", type(f.type()));
        }
        return arr;
    }

    private static JsonNode type(LakeType t) {
        if (t instanceof LakeType.Struct s) {
            ObjectNode n = NODES.objectNode();
            n.set("record", fields(s));
            return n;
        }
        if (t instanceof LakeType.ListOf l) {
            ObjectNode n = NODES.objectNode();
            n.set("list", type(l.element()));
            return n;
        }
        return NODES.textNode(t.kind().name().toLowerCase(Locale.ROOT));
    }

    private static LakeType.Struct struct(JsonNode fields) {
        if (fields == null || !fields.isArray()) {
            throw new IllegalArgumentException("fields must be an array");
        }
        List<LakeType.Field> out = new ArrayList<>();
        for (JsonNode f : fields) {
            JsonNode name = f.get("name");
            if (name == null || !name.isTextual()) {
                throw new IllegalArgumentException("field without a name");
            }
            out.add(new LakeType.Field(name.asText(), type(f.get("type"))));
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return new LakeType.Struct(out);
    }

    private static LakeType type(JsonNode n) {
        if (n != null && n.isTextual()) {
            Kind k = Kind.valueOf(n.asText().toUpperCase(Locale.ROOT));
            return LakeType.Scalar.of(k);
        }
        if (n != null && n.isObject() && n.size() == 1) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("record")) {
                return struct(e.getValue());
            }
            if (e.getKey().equals("list")) {
                return new LakeType.ListOf(type(e.getValue()));
            }
        }
        throw new IllegalArgumentException("unknown type " + n);
    }
}
