package io.fmslake.parquet;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input read straight from the bucket by ranged GETs through a 256 KiB read-ahead buffer; a footer
 * read costs one request for footers up to that size. The object must not change while read (lake files are
 * write-once, or replaced whole). Store failures surface as {@link io.fmslake.store.StoreException}.
 */
public final class StoreInputFile implements InputFile {
    static final int READ_AHEAD = 256 * 1024;

    private final ObjectStore store;
    private final StoredObject object;

    public StoreInputFile(ObjectStore store, StoredObject object) {
        this.store = store;
        this.object = object;
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
        }, READ_AHEAD);
    }

    @Override
    public String toString() {
        return store.bucket() + "/" + object.key();
    }
}
