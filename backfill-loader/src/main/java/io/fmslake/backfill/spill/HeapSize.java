package io.fmslake.backfill.spill;

import io.fmslake.row.JsonObject;
import io.fmslake.row.Row;
import java.util.List;

/**
 * Estimates the heap a decoded row occupies (64-bit JVM, compressed oops, compact strings), for the memory
 * budget. Field names are not counted: the decoder's JSON parser canonicalises them, so rows share them.
 * Calibrated against the heap of 300,000 decoded FMS records (about 620 bytes each for 220-byte values).
 */
public final class HeapSize {
    private static final long ROW = 56;
    private static final long OBJECT = 16;
    private static final long ARRAY = 16;
    private static final long REF = 4;
    private static final long BOXED = 16;
    private static final long STRING = 24 + ARRAY;
    /** An ArrayList slot in a buffer plus its share of the list's growth slack. */
    private static final long SLOT = 6;

    private HeapSize() {
    }

    public static long of(Row row) {
        long n = ROW + SLOT + of(row.payload());
        return row.key() == null ? n : n + text(row.key());
    }

    static long of(JsonObject o) {
        int size = o.size();
        long n = OBJECT + 2 * align(ARRAY + REF * size);
        for (int i = 0; i < size; i++) {
            n += value(o.value(i));
        }
        return n;
    }

    private static long value(Object v) {
        if (v == null || v instanceof Boolean) {
            return 0;
        }
        if (v instanceof String s) {
            return text(s);
        }
        if (v instanceof JsonObject j) {
            return of(j);
        }
        if (v instanceof List<?> list) {
            long n = OBJECT + 8 + align(ARRAY + REF * list.size());
            for (Object e : list) {
                n += value(e);
            }
            return n;
        }
        return BOXED;
    }

    private static long text(String s) {
        return STRING + align(s.length());
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }
}
