package io.fmslake.lake;

import io.fmslake.config.ConfigException;
import io.fmslake.config.LakeSettings;
import io.fmslake.config.StoreSettings;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service checks against the bucket before it touches the lake, right after opening the store. Both
 * refusals are {@link ConfigException}s (the services exit with status 2, as on a configuration error):
 * <ul>
 *   <li>the store must enforce conditional writes ({@link ConditionalWriteCheck}); the message names the endpoint,
 *       the bucket, what was not honoured and the MinIO release that enforces it;</li>
 *   <li>the settings that decide which file a record belongs to must equal the lake's record
 *       ({@code _lake/settings.json}, created by the first service that writes).</li>
 * </ul>
 * Everything here reads, creates or replaces objects under {@code _lake/}; nothing is ever deleted, so it works with
 * the collector's policy (no {@code s3:DeleteObject}).
 */
public final class StartupChecks {
    /** MinIO releases that enforce what the lake needs (for the refusal message). */
    static final String MINIO_VERSIONS = "MinIO RELEASE.2024-05-07T06-41-25Z or newer enforces If-None-Match: * on "
            + "PUT (minio/minio#19682) and If-Match with an ETag; If-Match on a missing key is refused only by builds "
            + "with minio/minio#21550 (merged 2025-08-29)";

    private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

    private final ObjectStore store;
    private final LakeSettings lake;
    private final Clock clock;

    public StartupChecks(ObjectStore store, LakeSettings lake, Clock clock) {
        this.store = store;
        this.lake = lake;
        this.clock = clock;
    }

    /** {@link #forWriter} on a store just opened, which it returns; closes the store when a check refuses. */
    public static ObjectStore verifiedForWriting(ObjectStore store, LakeSettings lake, Clock clock, String service) {
        return verified(store, () -> new StartupChecks(store, lake, clock).forWriter(service));
    }

    /** {@link #forReader} on a store just opened, which it returns; closes the store when a check refuses. */
    public static ObjectStore verifiedForReading(ObjectStore store, LakeSettings lake, Clock clock) {
        return verified(store, () -> new StartupChecks(store, lake, clock).forReader());
    }

    private static ObjectStore verified(ObjectStore store, Runnable checks) {
        try {
            checks.run();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * For a service that writes to the lake: the store honours conditional writes, then the settings record is
     * created when absent or compared.
     *
     * @param service the service's name, written into a new record
     */
    public void forWriter(String service) {
        ConditionalWriteCheck check = new ConditionalWriteCheck(store, clock);
        Optional<String> violation;
        Optional<String> weakness;
        try {
            violation = check.firstViolation();
            weakness = violation.isPresent() ? Optional.empty() : check.weakness();
        } catch (StoreException e) {
            violation = Optional.of("the check itself failed: " + e.getMessage());
            weakness = Optional.empty();
        }
        if (violation.isPresent()) {
            throw unsuitable(lake.store(), violation.get());
        }
        weakness.ifPresent(w -> LOG.warn(
                "the object store {} has a known flaw: {}. A merge that lost its lease could "
                        + "re-create a merge target that was just replaced (records twice until the next merge, never lost); "
                        + "upgrade the store: {}",
                where(lake.store()),
                w,
                MINIO_VERSIONS));
        Map<String, String> ours = LakeSettingsRecord.of(lake);
        new LakeSettingsRecord(store, clock).ensure(ours, service);
        LOG.info(
                "start-up checks passed: {} enforces conditional writes; the lake's settings {} match {}",
                where(lake.store()),
                ours,
                LakeSettingsRecord.KEY);
    }

    /** For read-only tools ({@code status}, {@code verify}): compares the settings record if there is one. */
    public void forReader() {
        Map<String, String> ours = LakeSettingsRecord.of(lake);
        new LakeSettingsRecord(store, clock).compare(ours);
    }

    private static ConfigException unsuitable(StoreSettings s, String what) {
        return new ConfigException(List.of("MINIO_ENDPOINT=" + s.endpoint() + ": the object store " + where(s)
                + " does not honour conditional writes: " + what + ". The lake's protocols need If-None-Match: * "
                + "and If-Match enforced on PUT; " + MINIO_VERSIONS + "."));
    }

    private static String where(StoreSettings s) {
        return s.url() + " (bucket " + s.bucket() + ")";
    }
}
