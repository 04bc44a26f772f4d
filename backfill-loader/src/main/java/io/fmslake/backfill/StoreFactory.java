package io.fmslake.backfill;

import io.fmslake.config.StoreSettings;
import io.fmslake.store.ObjectStore;

/** Opens the process's one object store. */
final class StoreFactory {
    private StoreFactory() {
    }

    static ObjectStore open(StoreSettings settings) {
        throw new UnsupportedOperationException("the MinIO object store lands with the store branch");
    }
}
