package io.fmslake.parquet;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreException;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;

/**
 * One stored object's bytes by position. Ranged GETs by default; in sequential mode a read near the start opens one
 * GET of the whole object, which serves every later read that goes forward (gaps of up to {@value #MAX_SKIP} bytes
 * are skipped on it), straight into the caller's array: a merge streaming an input from its first row group to its
 * last costs one request and no garbage per read. Any other read closes that stream and is a ranged GET; a failing
 * stream falls back to ranged GETs.
 */
final class StoreAccess implements RandomAccess {
    /** A read at or below this position opens the whole-object stream (the first row group starts at byte 4). */
    static final long STREAM_START = 64 << 10;

    static final long MAX_SKIP = 1 << 20;

    private final ObjectStore store;
    private final StoredObject object;
    private final boolean sequential;
    private InputStream stream;
    private long streamPos;
    private int requests;

    StoreAccess(ObjectStore store, StoredObject object, boolean sequential) {
        this.store = store;
        this.object = object;
        this.sequential = sequential;
    }

    @Override
    public long length() {
        return object.size();
    }

    @Override
    public int read(long position, byte[] b, int off, int len) {
        if (position >= object.size()) {
            return -1;
        }
        int n = (int) Math.min(len, object.size() - position);
        if (sequential) {
            int got = readStreaming(position, b, off, n);
            if (got > 0) {
                return got;
            }
        }
        requests++;
        byte[] range = store.readRange(object.key(), position, n);
        int m = Math.min(range.length, n);
        System.arraycopy(range, 0, b, off, m);
        return m == 0 ? -1 : m;
    }

    /** Bytes read from the whole-object stream, or 0 when this read is not one for it (or it failed). */
    private int readStreaming(long position, byte[] b, int off, int n) {
        boolean forward = stream != null && position >= streamPos && position - streamPos <= MAX_SKIP;
        if (!forward) {
            closeStream();
            if (position > STREAM_START) {
                return 0;
            }
            requests++;
            stream = store.open(object.key());
            streamPos = 0;
        }
        try {
            stream.skipNBytes(position - streamPos);
            streamPos = position;
            int got = stream.readNBytes(b, off, n);
            streamPos += got;
            return got;
        } catch (IOException | StoreException e) {
            closeStream();
            return 0;
        }
    }

    /** GET requests made so far (for tests). */
    int requests() {
        return requests;
    }

    @Override
    public void close() {
        closeStream();
    }

    private void closeStream() {
        if (stream != null) {
            InputStream s = stream;
            stream = null;
            try {
                s.close();
            } catch (IOException e) {
                // an early close of an HTTP body may fail; nothing to do
            }
        }
    }
}
