package io.fmslake.publish;

import io.fmslake.row.OffsetSet;
import io.fmslake.store.StoredObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The coordinate sets of lake files this process has already read or written, so that a probe reads the footer of
 * each file once instead of at every flush of its minute.
 *
 * <p>A file is known by what a listing shows of it: key, ETag and size. A file replaced under its key (a merge
 * target, a part) has another ETag and is read again. Entries are grouped by the prefix the probe lists (one
 * minute's files, one minute's dead letters, one hour, day or week); each listing prunes its group to the files it
 * showed, so files merged away are forgotten. Memory is bounded by an estimate of the heap the entries hold: past
 * it, the groups used least recently are forgotten whole (an LRU by window), and a single file larger than the
 * bound is not kept.
 *
 * <p>Correctness never depends on what is kept: the listing alone decides which files count, this only spares the
 * read of a file whose listed ETag and size are known. A miss costs one footer read, as without the cache.
 * The sets handed out are shared: callers only read them. Thread-safe.
 */
public final class KnownFooters {
    /** Estimated heap of one entry without its ranges: key string, map node, record, the set's skeleton. */
    static final long ENTRY_BYTES = 256;
    /** Estimated heap of one offset range: two longs in arrays that grow by doubling. */
    static final long RANGE_BYTES = 32;

    private record Known(String etag, long size, OffsetSet offsets, long bytes) {
        boolean matches(StoredObject o) {
            return etag.equals(o.etag()) && size == o.size();
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<String, Map<String, Known>> groups = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** Keeps entries up to about {@code maxBytes} of estimated heap; 0 keeps nothing. */
    public KnownFooters(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** A cache that keeps nothing: every probe reads every footer. */
    public static KnownFooters none() {
        return new KnownFooters(0);
    }

    /** The offsets of the listed file if it is known with the same ETag and size. */
    public synchronized Optional<OffsetSet> lookup(String prefix, StoredObject listed) {
        Map<String, Known> group = groups.get(prefix);
        Known k = group == null ? null : group.get(listed.key());
        return k != null && k.matches(listed) ? Optional.of(k.offsets) : Optional.empty();
    }

    /** Remembers a file read or written under {@code prefix}; the caller must not change {@code offsets} later. */
    public synchronized void remember(String prefix, StoredObject file, OffsetSet offsets) {
        long size = weight(offsets);
        if (size > maxBytes) {
            return;
        }
        Known old = groups.computeIfAbsent(prefix, p -> new HashMap<>())
                .put(file.key(), new Known(file.etag(), file.size(), offsets, size));
        bytes += size - (old == null ? 0 : old.bytes);
        evict(prefix);
    }

    /** Forgets the files of the group that its latest complete listing did not show (merged away, deleted). */
    public synchronized void retain(String prefix, Collection<String> listedKeys) {
        Map<String, Known> group = groups.get(prefix);
        if (group == null) {
            return;
        }
        Set<String> listed = listedKeys instanceof Set<String> s ? s : new HashSet<>(listedKeys);
        for (Iterator<Map.Entry<String, Known>> it = group.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Known> e = it.next();
            if (!listed.contains(e.getKey())) {
                bytes -= e.getValue().bytes;
                it.remove();
            }
        }
        if (group.isEmpty()) {
            groups.remove(prefix);
        }
    }

    /** Estimated heap held by the entries. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Files known, over all groups. */
    public synchronized int files() {
        return groups.values().stream().mapToInt(Map::size).sum();
    }

    /** Whether anything of the group is known (for tests). */
    synchronized boolean knowsGroup(String prefix) {
        return groups.containsKey(prefix);
    }

    /** Drops least recently used groups, never the one just written to, until the bound holds. */
    private void evict(String keep) {
        for (Iterator<Map.Entry<String, Map<String, Known>>> it =
                        groups.entrySet().iterator();
                bytes > maxBytes && it.hasNext(); ) {
            Map.Entry<String, Map<String, Known>> e = it.next();
            if (!e.getKey().equals(keep)) {
                e.getValue().values().forEach(k -> bytes -= k.bytes);
                it.remove();
            }
        }
        Map<String, Known> own = groups.get(keep);
        for (Iterator<Known> it = own.values().iterator(); bytes > maxBytes && it.hasNext(); ) {
            bytes -= it.next().bytes;
            it.remove();
        }
        if (own.isEmpty()) {
            groups.remove(keep);
        }
    }

    static long weight(OffsetSet offsets) {
        long ranges = 0;
        for (int p : offsets.partitions()) {
            ranges += offsets.ranges(p).size();
        }
        return ENTRY_BYTES + RANGE_BYTES * ranges;
    }
}
