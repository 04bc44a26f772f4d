package io.fmslake.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A set of Kafka coordinates, kept as sorted, disjoint, inclusive offset ranges per partition. Compact for the
 * usual case of consecutive offsets; written into file footers so tools know which records a file holds
 * without reading rows. Text form: {@code 0:0-99,120-130;2:5-5}. Not thread-safe.
 */
public final class OffsetSet {
    /** Partitions below this are also found by index (a writer adds every row's coordinates). */
    private static final int INDEXED = 256;

    private final SortedMap<Integer, Ranges> partitions = new TreeMap<>();
    private Ranges[] indexed = new Ranges[0];

    public void add(int partition, long offset) {
        rangesOf(partition).add(offset, offset);
    }

    /** Adds the inclusive range [from, to]. */
    public void addRange(int partition, long from, long to) {
        if (from > to) {
            throw new IllegalArgumentException("empty range " + from + "-" + to);
        }
        rangesOf(partition).add(from, to);
    }

    private Ranges rangesOf(int partition) {
        if (partition < 0 || partition >= INDEXED) {
            return partitions.computeIfAbsent(partition, p -> new Ranges());
        }
        if (partition >= indexed.length) {
            indexed = Arrays.copyOf(indexed, Math.min(INDEXED, Math.max(partition + 1, indexed.length * 2)));
        }
        Ranges r = indexed[partition];
        if (r == null) {
            r = partitions.computeIfAbsent(partition, p -> new Ranges());
            indexed[partition] = r;
        }
        return r;
    }

    public void addAll(OffsetSet other) {
        for (Map.Entry<Integer, Ranges> e : other.partitions.entrySet()) {
            Ranges r = e.getValue();
            for (int i = 0; i < r.size; i++) {
                addRange(e.getKey(), r.from[i], r.to[i]);
            }
        }
    }

    public boolean contains(int partition, long offset) {
        Ranges r = partitions.get(partition);
        return r != null && r.contains(offset);
    }

    public boolean isEmpty() {
        return partitions.isEmpty();
    }

    /** The number of coordinates in the set. */
    public long count() {
        long n = 0;
        for (Ranges r : partitions.values()) {
            n += r.count();
        }
        return n;
    }

    public List<Integer> partitions() {
        return new ArrayList<>(partitions.keySet());
    }

    /** The ranges of one partition as {from, to} pairs, ascending. */
    public List<long[]> ranges(int partition) {
        Ranges r = partitions.get(partition);
        List<long[]> out = new ArrayList<>();
        if (r != null) {
            for (int i = 0; i < r.size; i++) {
                out.add(new long[] {r.from[i], r.to[i]});
            }
        }
        return out;
    }

    /** Lowest offset of a partition, or -1 when the partition has none. */
    public long min(int partition) {
        Ranges r = partitions.get(partition);
        return r == null ? -1 : r.from[0];
    }

    /** Highest offset of a partition, or -1 when the partition has none. */
    public long max(int partition) {
        Ranges r = partitions.get(partition);
        return r == null ? -1 : r.to[r.size - 1];
    }

    /** The coordinates of this set that are also in {@code other}. */
    public long countIn(OffsetSet other) {
        long n = 0;
        for (Map.Entry<Integer, Ranges> e : partitions.entrySet()) {
            Ranges mine = e.getValue();
            Ranges theirs = other.partitions.get(e.getKey());
            if (theirs != null) {
                for (int i = 0; i < mine.size; i++) {
                    n += theirs.overlap(mine.from[i], mine.to[i]);
                }
            }
        }
        return n;
    }

    public String encode() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Integer, Ranges> e : partitions.entrySet()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(e.getKey()).append(':');
            Ranges r = e.getValue();
            for (int i = 0; i < r.size; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(r.from[i]).append('-').append(r.to[i]);
            }
        }
        return sb.toString();
    }

    /** Parses {@link #encode()}'s form. @throws IllegalArgumentException on malformed text */
    public static OffsetSet decode(String text) {
        OffsetSet set = new OffsetSet();
        if (text == null || text.isBlank()) {
            return set;
        }
        try {
            for (String part : text.split(";")) {
                int colon = part.indexOf(':');
                int partition = Integer.parseInt(part.substring(0, colon));
                for (String range : part.substring(colon + 1).split(",")) {
                    int dash = range.indexOf('-', 1);
                    set.addRange(
                            partition,
                            Long.parseLong(range.substring(0, dash)),
                            Long.parseLong(range.substring(dash + 1)));
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed offset set '" + abbreviate(text) + "'", e);
        }
        return set;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OffsetSet s && s.encode().equals(encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }

    @Override
    public String toString() {
        return abbreviate(encode());
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** Sorted disjoint inclusive ranges of one partition, merged on insert. */
    private static final class Ranges {
        long[] from = new long[4];
        long[] to = new long[4];
        int size;

        void add(long f, long t) {
            if (size > 0 && f >= from[size - 1]) {
                // fast path: at or after the last range
                if (f <= to[size - 1] + 1) {
                    to[size - 1] = Math.max(to[size - 1], t);
                    return;
                }
                append(f, t);
                return;
            }
            // general path: find the first range that ends at or after f - 1 (binary search: ranges are sorted and
            // disjoint, so their ends ascend), merge every range it touches
            int i = firstEndingAtOrAfter(f - 1);
            int j = i;
            long nf = f;
            long nt = t;
            while (j < size && from[j] <= t + 1) {
                nf = Math.min(nf, from[j]);
                nt = Math.max(nt, to[j]);
                j++;
            }
            int removed = j - i;
            if (removed == 0) {
                ensure(size + 1);
                System.arraycopy(from, i, from, i + 1, size - i);
                System.arraycopy(to, i, to, i + 1, size - i);
                size++;
            } else if (removed > 1) {
                System.arraycopy(from, j, from, i + 1, size - j);
                System.arraycopy(to, j, to, i + 1, size - j);
                size -= removed - 1;
            }
            from[i] = nf;
            to[i] = nt;
        }

        private int firstEndingAtOrAfter(long o) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (to[mid] < o) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private void append(long f, long t) {
            ensure(size + 1);
            from[size] = f;
            to[size] = t;
            size++;
        }

        private void ensure(int n) {
            if (n > from.length) {
                from = Arrays.copyOf(from, n * 2);
                to = Arrays.copyOf(to, n * 2);
            }
        }

        boolean contains(long o) {
            int lo = 0;
            int hi = size - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (to[mid] < o) {
                    lo = mid + 1;
                } else if (from[mid] > o) {
                    hi = mid - 1;
                } else {
                    return true;
                }
            }
            return false;
        }

        long overlap(long f, long t) {
            long n = 0;
            for (int i = 0; i < size; i++) {
                long lo = Math.max(f, from[i]);
                long hi = Math.min(t, to[i]);
                if (lo <= hi) {
                    n += hi - lo + 1;
                }
            }
            return n;
        }

        long count() {
            long n = 0;
            for (int i = 0; i < size; i++) {
                n += to[i] - from[i] + 1;
            }
            return n;
        }
    }
}
