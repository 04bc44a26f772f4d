package io.fmslake.row;

import java.util.List;

/**
 * JSON text of decoded values (null, Boolean, Long, Double, String, JsonObject, List), used where a value has
 * to live in a string column. Strings are escaped minimally; non-ASCII characters are kept as they are.
 * Non-finite doubles (never produced by the decoder) are written as strings.
 */
public final class JsonText {
    private JsonText() {}

    public static String of(Object value) {
        StringBuilder sb = new StringBuilder(64);
        append(sb, value);
        return sb.toString();
    }

    /** Parses one JSON object with the decoder's rules. @throws IllegalArgumentException when not one */
    public static JsonObject parseObject(String json) {
        try {
            return new JsonReader(Long.MAX_VALUE).parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (JsonReader.Failure f) {
            throw new IllegalArgumentException(f.reason() + ": " + f.getMessage());
        }
    }

    static void append(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                string(sb, d.toString());
            } else {
                sb.append(d.doubleValue());
            }
        } else if (v instanceof JsonObject o) {
            sb.append('{');
            for (int i = 0; i < o.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                string(sb, o.name(i));
                sb.append(':');
                append(sb, o.value(i));
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                append(sb, list.get(i));
            }
            sb.append(']');
        } else {
            sb.append(v);
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
