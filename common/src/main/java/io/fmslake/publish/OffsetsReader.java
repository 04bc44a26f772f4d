package io.fmslake.publish;

import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.StoreInputFile;
import io.fmslake.row.OffsetSet;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;

/** Learns which Kafka coordinates a stored lake file holds. */
@FunctionalInterface
public interface OffsetsReader {

    /** @throws RuntimeException when the object cannot be read (it may have been deleted or replaced meanwhile) */
    OffsetSet read(ObjectStore store, StoredObject object);

    /** Reads the {@code fms.offsets} footer entry: one ranged GET per file. */
    static OffsetsReader footers() {
        return (store, object) ->
                FileFooter.read(new StoreInputFile(store, object)).summary().offsets();
    }
}
