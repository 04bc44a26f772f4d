package io.fmslake.backfill;

import io.fmslake.config.StoreSettings;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;

/** Opens the process's one object store. */
final class StoreFactory {
    private StoreFactory() {
    }

    static ObjectStore open(StoreSettings settings) {
        return ObjectStores.open(settings);
    }
}
