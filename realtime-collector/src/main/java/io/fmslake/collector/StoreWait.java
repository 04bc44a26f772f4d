package io.fmslake.collector;

import io.fmslake.collector.http.Health;
import io.fmslake.config.StoreSettings;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.store.StoreException;
import io.fmslake.store.UserMetadata;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the object store at start, waiting for it as long as it takes: a store that is down or silent when the
 * collector starts (a MinIO outage, a rollout of both) must not turn into a crash loop. Each failed attempt is one
 * WARN line and the readiness reason; attempts are 1 s apart, doubling up to 30 s. A stop request ends the wait.
 */
final class StoreWait {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWait.class);
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private StoreWait() {}

    /**
     * The open store, whose writes carry {@code stamp} as S3 user metadata, or empty when a stop was requested first.
     */
    static Optional<ObjectStore> open(
            StoreSettings settings, UserMetadata stamp, Health health, BooleanSupplier stopRequested) {
        Duration delay = FIRST_DELAY;
        for (int attempt = 1; !stopRequested.getAsBoolean(); attempt++) {
            try {
                return Optional.of(ObjectStores.open(settings, Collector.STORE_RETRY, stamp));
            } catch (StoreException e) {
                String reason = "object store " + settings.url() + " bucket " + settings.bucket() + " not reachable: "
                        + e.getMessage();
                health.waiting(reason);
                LOG.warn(
                        "{} (attempt {}); next attempt in {} s; not consuming until it answers",
                        reason,
                        attempt,
                        delay.toSeconds());
                if (!sleep(delay, stopRequested)) {
                    break;
                }
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
        }
        return Optional.empty();
    }

    private static boolean sleep(Duration delay, BooleanSupplier stopRequested) {
        long deadline = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() < deadline) {
            if (stopRequested.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
