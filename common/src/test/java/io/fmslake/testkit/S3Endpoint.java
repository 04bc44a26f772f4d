package io.fmslake.testkit;

import io.fmslake.config.Secret;
import io.fmslake.config.StoreSettings;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.store.StoreRetry;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** A running S3-compatible server for tests: {@link EmbeddedS3} in-process, or {@link MinioContainerS3}. */
public interface S3Endpoint {

    /** {@code host:port}, as {@code MINIO_ENDPOINT} expects. Plain HTTP. */
    String endpoint();

    String accessKey();

    String secretKey();

    /** Settings for {@code bucket} on this server; the bucket is created on first open. */
    default StoreSettings settings(String bucket) {
        return new StoreSettings(endpoint(), new Secret(accessKey()), new Secret(secretKey()), bucket, false, true);
    }

    /** Opens the production {@link ObjectStore} on {@code bucket} (created if missing); the caller closes it. */
    default ObjectStore store(String bucket) {
        return ObjectStores.open(settings(bucket));
    }

    /** Like {@link #store(String)} with the given retries (e.g. {@link StoreRetry#none()} to fail fast). */
    default ObjectStore store(String bucket, StoreRetry retry) {
        return ObjectStores.open(settings(bucket), retry);
    }

    /** A fresh valid bucket name starting with {@code hint}, so tests sharing a server never share a bucket. */
    static String uniqueBucket(String hint) {
        String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        base = base.length() > 40 ? base.substring(0, 40) : base;
        return (base.isEmpty() ? "b" : base) + "-" + Buckets.COUNTER.incrementAndGet() + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    }

    /** Holder of the bucket counter. */
    final class Buckets {
        static final AtomicInteger COUNTER = new AtomicInteger();

        private Buckets() {}
    }
}
