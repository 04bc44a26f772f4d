package io.fmslake.row;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Field names numbered in the order first seen, for {@link PackedJson}: a name is written as its number and read
 * back as the very instance that was registered. Bounded: once {@code capacity} names are known, new names get
 * no number (they are written inline), so payloads with ever-new keys cannot grow it without limit. Numbers are
 * only meaningful within one process. Thread-safe.
 */
final class NameTable {
    static final int DEFAULT_CAPACITY = 1 << 16;

    private final int capacity;
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private volatile String[] names = new String[64];
    private int size;

    /**
     * The number of each name instance looked up last, by its hash: parsers hand out the same instance for a name
     * again and again, and this small array stays in the cache where the map's nodes do not (a map lookup per field
     * was 3.6% of a backfill's samples). An entry is immutable, so a racing reader sees a whole one or none.
     */
    private final Recent[] recent = new Recent[1024];

    private record Recent(String name, int id) {}

    NameTable(int capacity) {
        this.capacity = capacity;
    }

    /** The name's number, registering it if there is room; -1 when the table is full. */
    @SuppressWarnings("ReferenceEquality") // the same instance as last time: a fast path; otherwise the map by equals
    int idOf(String name) {
        int slot = name.hashCode() & (recent.length - 1);
        Recent r = recent[slot];
        if (r != null && r.name == name) {
            return r.id;
        }
        Integer known = ids.get(name);
        int id = known != null ? known : register(name);
        if (id >= 0) {
            recent[slot] = new Recent(name, id);
        }
        return id;
    }

    private synchronized int register(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        if (size >= capacity) {
            return -1;
        }
        String[] current = names;
        if (size == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        current[size] = name;
        names = current;
        ids.put(name, size);
        return size++;
    }

    /** The name registered under {@code id} (numbers come from {@link #idOf} in this process). */
    String nameOf(int id) {
        String[] current = names;
        String name = id >= 0 && id < current.length ? current[id] : null;
        if (name == null) {
            throw new IllegalArgumentException("packed payload: unknown field name number " + id);
        }
        return name;
    }
}
