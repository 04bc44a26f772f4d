package io.fmslake.parquet;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input read straight from the bucket by ranged GETs through a 256 KiB read-ahead buffer: a footer read
 * costs one request for footers up to that size; reads at least as large as the buffer (Parquet reads a row group's
 * consecutive column chunks at once) are one GET. {@link #streaming} is for reading a whole file front to back.
 * The object must not change while read (lake files are write-once, or replaced whole). Store failures surface as
 * {@link io.fmslake.store.StoreException}.
 */
public final class StoreInputFile implements InputFile {
    static final int READ_AHEAD = 256 * 1024;
    static final int STREAM_READ_AHEAD = 1 << 20;

    private final ObjectStore store;
    private final StoredObject object;
    private final int readAhead;
    private final boolean sequential;

    public StoreInputFile(ObjectStore store, StoredObject object) {
        this(store, object, READ_AHEAD, false);
    }

    private StoreInputFile(ObjectStore store, StoredObject object, int readAhead, boolean sequential) {
        this.store = store;
        this.object = object;
        this.readAhead = readAhead;
        this.sequential = sequential;
    }

    /**
     * For reading a whole file front to back (a merge input): a 1 MiB read-ahead, and reads going forward from the
     * first row group served by one GET of the whole object ({@link StoreAccess}).
     */
    public static StoreInputFile streaming(ObjectStore store, StoredObject object) {
        return new StoreInputFile(store, object, STREAM_READ_AHEAD, true);
    }

    @Override
    public long getLength() {
        return object.size();
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new BufferedSeekableStream(new StoreAccess(store, object, sequential), readAhead);
    }

    @Override
    public String toString() {
        return store.bucket() + "/" + object.key();
    }
}
