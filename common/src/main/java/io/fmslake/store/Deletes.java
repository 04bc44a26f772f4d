package io.fmslake.store;

import dev.failsafe.ExecutionContext;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plain deletes (one key, or batches of 1000 keys) and fenced deletes that remove only the object that was read
 * ({@link ObjectStore#deleteIfMatch}). A fenced attempt stats the key and deletes only an object with the expected
 * ETag, sending {@code If-Match} as well: S3 checks it on DELETE (since 2025-09), MinIO ignores it
 * (minio/minio#21677), so the stat is what makes a retried delete safe everywhere.
 */
final class Deletes {
    private static final int BATCH = 1000;

    private final MinioClient client;
    private final String bucket;
    private final Calls calls;

    Deletes(MinioClient client, String bucket, Calls calls) {
        this.client = client;
        this.bucket = bucket;
        this.calls = calls;
    }

    void delete(String key) {
        calls.run("delete " + key, ctx -> {
            client.removeObject(
                    RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    void deleteAll(Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            calls.run("delete " + batch.size() + " keys from " + batch.get(0), ctx -> {
                deleteBatch(batch);
                return null;
            });
        }
    }

    private void deleteBatch(List<String> batch) throws MinioException, IOException, GeneralSecurityException {
        List<DeleteObject> objects = batch.stream().map(DeleteObject::new).toList();
        List<String> failures = new ArrayList<>();
        // removeObjects is lazy: nothing is deleted until its results are iterated
        for (Result<DeleteError> result : client.removeObjects(
                RemoveObjectsArgs.builder().bucket(bucket).objects(objects).build())) {
            DeleteError error = result.get();
            if (!"NoSuchKey".equals(error.code())) {
                failures.add(error.objectName() + ": " + error.code() + " " + error.message());
            }
        }
        if (!failures.isEmpty()) {
            throw new StoreException(failures.size() + " of " + batch.size() + " deletes failed, e.g. "
                    + failures.subList(0, Math.min(3, failures.size())));
        }
    }

    Deletion deleteIfMatch(String key, String etag) {
        String expected = MinioObjectStore.etag(etag);
        return calls.get("delete " + key + " if-match \"" + expected + "\"", ctx -> fencedAttempt(ctx, key, expected));
    }

    private Deletion fencedAttempt(ExecutionContext<Deletion> ctx, String key, String expected)
            throws MinioException, IOException, GeneralSecurityException {
        Optional<StoredObject> now = Stats.statOnce(client, bucket, key);
        if (now.isEmpty()) {
            return gone(ctx);
        }
        if (!now.get().etag().equals(expected)) {
            return Deletion.CHANGED;
        }
        try {
            client.removeObject(RemoveObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .extraHeaders(Map.of("If-Match", "\"" + expected + "\""))
                    .build());
            return Deletion.DELETED;
        } catch (ErrorResponseException e) {
            if (Transience.status(e) == 412) {
                return Deletion.CHANGED;
            }
            if (Transience.isMissing(e)) {
                return gone(ctx);
            }
            throw e;
        }
    }

    /** No object: a retry may be looking at the work of its own first attempt, whose answer was lost. */
    private static Deletion gone(ExecutionContext<Deletion> ctx) {
        return ctx.isFirstAttempt() ? Deletion.ABSENT : Deletion.DELETED;
    }
}
