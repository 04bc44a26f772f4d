package io.fmslake.parquet;

import java.io.Closeable;
import java.io.IOException;

/** Bytes readable at any position: a local file or an object in the store. */
interface RandomAccess extends Closeable {

    long length() throws IOException;

    /**
     * Reads up to {@code len} bytes at {@code position} into {@code b}; returns how many (at least one unless
     * at the end, then -1).
     */
    int read(long position, byte[] b, int off, int len) throws IOException;
}
