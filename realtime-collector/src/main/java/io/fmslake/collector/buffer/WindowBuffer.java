package io.fmslake.collector.buffer;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.row.Decoded;
import io.fmslake.row.Row;
import io.fmslake.schema.LakeSchema;
import io.fmslake.schema.SchemaInference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * The records of one {@link BufferKey} received and not yet durable, kept per partition with the lowest offset
 * of each, which is what the offset commit needs. Rows are kept {@linkplain Row#compact() compact}; their schema is
 * inferred as they arrive, so a flush need not parse them twice. Not thread-safe: owned by one thread at a time (the
 * poll thread while buffering, a flush thread while flushing).
 */
public final class WindowBuffer {
    private final BufferKey key;
    private final Map<Integer, Part> parts = new HashMap<>();
    private long bytes;
    private int count;
    private long lastAppendMillis;
    private boolean late;
    private long lateDueMillis;
    /** Inferred from exactly the rows held; null once rows were split off or taken over (then inferred anew). */
    private SchemaInference schema = new SchemaInference();

    private static final class Part {
        final List<Decoded> items = new ArrayList<>();
        long lowest = Long.MAX_VALUE;
    }

    public WindowBuffer(BufferKey key) {
        this.key = key;
    }

    public BufferKey key() {
        return key;
    }

    public void add(int partition, long offset, Decoded item, long estimatedBytes, long nowMillis) {
        Part p = parts.computeIfAbsent(partition, x -> new Part());
        if (item instanceof Row row) {
            if (schema != null) {
                schema.observe(row);
            }
            p.items.add(row.compact());
        } else {
            p.items.add(item);
        }
        p.lowest = Math.min(p.lowest, offset);
        bytes += estimatedBytes;
        count++;
        lastAppendMillis = nowMillis;
    }

    /** Counts as a fresh append for the idle rule (consumption was paused, so silence means nothing). */
    void touch(long nowMillis) {
        lastAppendMillis = Math.max(lastAppendMillis, nowMillis);
    }

    /** Marks the buffer as late records of a minute already written; it is due at {@code dueMillis}. */
    void markLate(long dueMillis) {
        late = true;
        lateDueMillis = dueMillis;
    }

    public boolean late() {
        return late;
    }

    long lateDueMillis() {
        return lateDueMillis;
    }

    long lastAppendMillis() {
        return lastAppendMillis;
    }

    public long bytes() {
        return bytes;
    }

    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public Set<Integer> partitions() {
        return new TreeSet<>(parts.keySet());
    }

    /** The lowest buffered offset of the partition, or -1 when none. */
    public long lowestOffset(int partition) {
        Part p = parts.get(partition);
        return p == null ? -1 : p.lowest;
    }

    /** The schema inferred from exactly the rows held, when known (empty after {@link #extract} or {@link #absorb}). */
    public Optional<LakeSchema> schema() {
        return schema == null || count == 0 ? Optional.empty() : Optional.of(schema.result());
    }

    public List<Row> rows() {
        List<Row> out = new ArrayList<>(count);
        for (Part p : parts.values()) {
            for (Decoded d : p.items) {
                out.add((Row) d);
            }
        }
        return out;
    }

    public List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>(count);
        for (Part p : parts.values()) {
            for (Decoded d : p.items) {
                out.add((DeadLetter) d);
            }
        }
        return out;
    }

    /**
     * Moves the partitions that match into a new buffer (same key and flags; bytes split by record count) and
     * returns it; empty when none matched.
     */
    public WindowBuffer extract(IntPredicate partitionMatches) {
        WindowBuffer out = new WindowBuffer(key);
        out.late = late;
        out.lateDueMillis = lateDueMillis;
        out.lastAppendMillis = lastAppendMillis;
        out.schema = null;
        for (Integer partition : new ArrayList<>(parts.keySet())) {
            if (partitionMatches.test(partition)) {
                Part p = parts.remove(partition);
                long share = count == 0 ? 0 : bytes * p.items.size() / count;
                out.parts.put(partition, p);
                out.count += p.items.size();
                out.bytes += share;
                count -= p.items.size();
                bytes -= share;
                schema = null;
            }
        }
        return out;
    }

    /** Takes over every record of {@code other} (same key), e.g. a buffer whose flush failed. */
    public void absorb(WindowBuffer other) {
        if (!other.key.equals(key)) {
            throw new IllegalArgumentException("cannot absorb " + other.key + " into " + key);
        }
        for (Map.Entry<Integer, Part> e : other.parts.entrySet()) {
            Part mine = parts.computeIfAbsent(e.getKey(), x -> new Part());
            mine.items.addAll(e.getValue().items);
            mine.lowest = Math.min(mine.lowest, e.getValue().lowest);
        }
        if (other.count > 0) {
            schema = null;
        }
        bytes += other.bytes;
        count += other.count;
        lastAppendMillis = Math.max(lastAppendMillis, other.lastAppendMillis);
        if (other.late && !late) {
            markLate(other.lateDueMillis);
        }
        other.parts.clear();
        other.bytes = 0;
        other.count = 0;
    }

    @Override
    public String toString() {
        return key + "[" + count + " records, " + bytes + " bytes" + (late ? ", late" : "") + "]";
    }
}
