package io.fmslake.backfill;

import io.fmslake.config.StoreSettings;
import io.fmslake.status.Identity;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.store.StoreRetry;

/** Opens the process's one object store. */
final class StoreFactory {
    private StoreFactory() {}

    /** The store, whose writes carry the backfill's service and version as S3 user metadata. */
    static ObjectStore open(StoreSettings settings) {
        return ObjectStores.open(
                settings,
                StoreRetry.defaults(),
                Identity.of("backfill-loader", Main.class).stamp());
    }
}
