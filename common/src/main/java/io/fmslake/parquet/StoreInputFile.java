package io.fmslake.parquet;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input read straight from the bucket by ranged GETs through a read-ahead buffer (256 KiB by default: a
 * footer read costs one request for footers up to that size; merges that stream a whole file use a larger one).
 * Reads at least as large as the buffer (Parquet reads a row group's consecutive column chunks at once) are one GET. The object must not change while read (lake files are
 * write-once, or replaced whole). Store failures surface as {@link io.fmslake.store.StoreException}.
 */
public final class StoreInputFile implements InputFile {
    static final int READ_AHEAD = 256 * 1024;

    private final ObjectStore store;
    private final StoredObject object;
    private final int readAhead;

    public StoreInputFile(ObjectStore store, StoredObject object) {
        this(store, object, READ_AHEAD);
    }

    /** @param readAhead bytes fetched by one GET when a read is smaller (at least 1 KiB) */
    public StoreInputFile(ObjectStore store, StoredObject object, int readAhead) {
        if (readAhead < 1024) {
            throw new IllegalArgumentException("read-ahead below 1 KiB: " + readAhead);
        }
        this.store = store;
        this.object = object;
        this.readAhead = readAhead;
    }

    @Override
    public long getLength() {
        return object.size();
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new BufferedSeekableStream(new RandomAccess() {
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
                byte[] got = store.readRange(object.key(), position, n);
                int m = Math.min(got.length, n);
                System.arraycopy(got, 0, b, off, m);
                return m == 0 ? -1 : m;
            }

            @Override
            public void close() {
            }
        }, readAhead);
    }

    @Override
    public String toString() {
        return store.bucket() + "/" + object.key();
    }
}
