package io.fmslake.row;

import java.util.Arrays;
import java.util.List;

/**
 * A parsed JSON object: field names in document order and their values. Values are {@code null} (JSON null),
 * {@link Boolean}, {@link Long}, {@link Double}, {@link String}, {@link JsonObject}, or {@link List} (a JSON
 * array of such values). Treat as immutable once built.
 */
public final class JsonObject {
    private final String[] names;
    private final Object[] values;

    public JsonObject(String[] names, Object[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("names and values differ in length");
        }
        this.names = names;
        this.values = values;
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public Object value(int i) {
        return values[i];
    }

    /** The value of a field, or null when absent or JSON null. Linear scan: objects are small. */
    public Object get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject j && Arrays.equals(names, j.names) && Arrays.deepEquals(values, j.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names[i]).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }
}
