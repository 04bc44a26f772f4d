package io.fmslake.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.config.ConfigException;
import io.fmslake.config.LakeSettings;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreException;
import io.fmslake.testkit.ConditionsIgnoredBlobStore;
import io.fmslake.testkit.DeletesRefusedBlobStore;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.S3Endpoint;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The start-up checks against a real S3 server: one that enforces conditions, one that ignores them, one that
 * refuses deletes.
 */
class StartupChecksIT {
    static LakeSettings lake(S3Endpoint s3, String bucket, String zone) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKERS", "localhost:9092");
        env.put("KAFKA_TOPIC", "fms-data");
        env.put("MINIO_ENDPOINT", s3.endpoint());
        env.put("MINIO_ACCESS_KEY", s3.accessKey());
        env.put("MINIO_SECRET_KEY", s3.secretKey());
        env.put("MINIO_BUCKET", bucket);
        env.put("TIMEZONE", zone);
        return LakeSettings.fromEnv(env, "g");
    }

    @Test
    void aStoreThatEnforcesConditionsPassesAndTheSettingsAreRecordedOnce() {
        S3Endpoint s3 = EmbeddedS3.shared();
        String bucket = S3Endpoint.uniqueBucket("checks");
        try (ObjectStore store = s3.store(bucket)) {
            new StartupChecks(store, lake(s3, bucket, "UTC"), Clock.systemUTC()).forWriter("realtime-collector");
            new StartupChecks(store, lake(s3, bucket, "UTC"), Clock.systemUTC()).forWriter("batch-merger");
            String record = new String(store.readRange(LakeSettingsRecord.KEY, 0, 4096), StandardCharsets.UTF_8);
            assertTrue(record.contains("\"recordedBy\" : \"realtime-collector\""), record);
            ConfigException e = assertThrows(
                    ConfigException.class,
                    () -> new StartupChecks(store, lake(s3, bucket, "Asia/Seoul"), Clock.systemUTC())
                            .forWriter("backfill-loader"));
            assertTrue(
                    e.getMessage()
                            .contains("TIMEZONE=Asia/Seoul: the lake in bucket " + bucket
                                    + " was written with TIMEZONE=UTC"),
                    e.getMessage());
        }
    }

    @Test
    void aStoreThatIgnoresConditionalHeadersIsRefusedWithOneMessage() {
        try (EmbeddedS3 s3 = EmbeddedS3.startNew(ConditionsIgnoredBlobStore::new);
                ObjectStore store = s3.store("careless")) {
            assertTrue(store.tryCreate("x", new byte[] {1}).isPresent());
            assertTrue(store.tryCreate("x", new byte[] {2}).isPresent(), "the server really ignores If-None-Match");

            ConfigException e = assertThrows(
                    ConfigException.class,
                    () -> new StartupChecks(store, lake(s3, "careless", "UTC"), Clock.systemUTC())
                            .forWriter("batch-merger"));
            assertEquals(1, e.errors().size());
            String m = e.errors().get(0);
            assertTrue(
                    m.startsWith("MINIO_ENDPOINT=" + s3.endpoint() + ": the object store http://" + s3.endpoint()
                            + " (bucket careless) does not honour conditional writes: a second create of "
                            + "_lake/probe/conditional-writes.json with If-None-Match: * was accepted"),
                    m);
            assertTrue(m.contains("MinIO RELEASE.2024-05-07T06-41-25Z or newer"), m);
            assertTrue(store.stat(LakeSettingsRecord.KEY).isEmpty(), "nothing recorded on a refused store");
        }
    }

    @Test
    void theChecksNeedNoDeletePermission() {
        AtomicReference<DeletesRefusedBlobStore> refusing = new AtomicReference<>();
        try (EmbeddedS3 s3 = EmbeddedS3.startNew(b -> {
                    refusing.set(new DeletesRefusedBlobStore(b));
                    return refusing.get();
                });
                ObjectStore store = s3.store("no-delete")) {
            new StartupChecks(store, lake(s3, "no-delete", "UTC"), Clock.systemUTC()).forWriter("realtime-collector");
            new StartupChecks(store, lake(s3, "no-delete", "UTC"), Clock.systemUTC()).forWriter("realtime-collector");
            assertEquals(0, refusing.get().refused(), "the checks never delete");
            StoreException e = assertThrows(StoreException.class, () -> store.delete(LakeSettingsRecord.KEY));
            assertTrue(
                    String.valueOf(e.getCause()).contains("AccessDenied")
                            || e.getMessage().contains("AccessDenied"),
                    "the server refuses deletes as MinIO does without s3:DeleteObject: " + e);
        }
    }
}
