package io.fmslake.parquet;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import java.io.IOException;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input read straight from the bucket by ranged GETs, with read-ahead; a footer read costs one
 * request. The object must not change while read (lake files are write-once or replaced whole).
 */
public final class StoreInputFile implements InputFile {
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
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public String toString() {
        return store.bucket() + "/" + object.key();
    }
}
