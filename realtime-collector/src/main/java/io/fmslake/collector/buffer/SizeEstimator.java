package io.fmslake.collector.buffer;

import io.fmslake.deadletter.DeadLetter;

/**
 * Estimates the heap a buffered record occupies, from its raw size. A decoded row costs far more than its JSON
 * bytes (field values become objects, text becomes UTF-16 strings, plus the row and its arrays), so the cap is
 * accounted in these estimates, not in raw bytes. Measured on FMS-like payloads (202 bytes of JSON, 8 fields, one
 * nested object): 466 bytes of heap per decoded row; the estimate (633) keeps a third more for GC headroom.
 */
public final class SizeEstimator {
    static final long ROW_OVERHEAD = 128;
    static final long DEAD_LETTER_OVERHEAD = 200;

    private SizeEstimator() {
    }

    /** Heap estimate of a decoded row whose record had this key and value size. */
    public static long row(int keyBytes, int valueBytes) {
        return ROW_OVERHEAD + 2L * keyBytes + 5L * valueBytes / 2;
    }

    public static long deadLetter(DeadLetter d) {
        return DEAD_LETTER_OVERHEAD + (d.key() == null ? 0 : d.key().length) + (d.value() == null ? 0 : d.value().length)
                + 2L * d.detail().length();
    }
}
