package io.fmslake.store;

import dev.failsafe.ExecutionContext;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.errors.ErrorResponseException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Create-if-absent ({@code If-None-Match: *}) and compare-and-swap ({@code If-Match}) writes.
 *
 * <p>{@link #create} and {@link #replace} are always one PUT request: the SDK would send the condition with
 * CreateMultipartUpload, where servers need not check it, so such an object is at most 5 GiB. {@link #put} uploads
 * a payload larger than one part through {@link MultipartClient}, with the condition on CompleteMultipartUpload.
 *
 * <p>A retry after a lost answer is ambiguous: the first attempt may have written the object, and the retry then
 * gets 412. In that case, and only then, the object is read back: if it holds exactly our bytes the write counts
 * as done (for identical content that is the same end state).
 */
final class ConditionalWrites {
    private final MinioClient client;
    private final MultipartClient multipart;
    private final String bucket;
    private final Calls calls;
    private final ObjectStore store;

    ConditionalWrites(MinioClient client, MultipartClient multipart, String bucket, Calls calls, ObjectStore store) {
        this.client = client;
        this.multipart = multipart;
        this.bucket = bucket;
        this.calls = calls;
        this.store = store;
    }

    Optional<String> create(String key, Payload payload, UserMetadata metadata) {
        return write(key, payload, Precondition.absent(), metadata, false);
    }

    Optional<String> replace(String key, Payload payload, String etag, UserMetadata metadata) {
        return write(key, payload, Precondition.matching(etag), metadata, false);
    }

    /** Like {@link #create}/{@link #replace}, multipart (condition on the completion) above one part. */
    Optional<String> put(String key, Payload payload, Precondition condition, UserMetadata metadata) {
        return write(key, payload, condition, metadata, true);
    }

    private Optional<String> write(
            String key, Payload payload, Precondition condition, UserMetadata metadata, boolean multipartAllowed) {
        String what = "put " + key + " " + condition;
        long size = payload.size();
        boolean inParts = multipartAllowed && size > MinioObjectStore.PART_SIZE;
        if (!inParts && size > MinioObjectStore.MAX_SINGLE_PUT) {
            throw new StoreException(what + ": conditional writes are single requests, at most 5 GiB; got " + size);
        }
        Map<String, String> header = condition.header();
        long partSize = Math.max(size, MinioObjectStore.MIN_PART); // one part = one plain PUT
        return calls.get(what, ctx -> {
            try {
                ObjectWriteResponse written = inParts
                        ? multipart.upload(bucket, key, payload, MinioObjectStore.PART_SIZE, header, metadata)
                        : payload.upload(client, bucket, key, header, metadata, partSize);
                return Optional.of(MinioObjectStore.etag(written.etag()));
            } catch (ErrorResponseException e) {
                int status = Transience.status(e);
                if (status == 412 || (status == 404 && condition.etag().isPresent())) {
                    return afterRejection(ctx, key, payload);
                }
                throw e;
            }
        });
    }

    private Optional<String> afterRejection(ExecutionContext<?> ctx, String key, Payload payload) throws IOException {
        if (ctx.isFirstAttempt()) {
            return Optional.empty();
        }
        Optional<StoredObject> now = store.stat(key);
        if (now.isEmpty() || now.get().size() != payload.size() || !sameBytes(key, payload)) {
            return Optional.empty();
        }
        return Optional.of(now.get().etag());
    }

    private boolean sameBytes(String key, Payload payload) throws IOException {
        try (InputStream stored = new BufferedInputStream(store.open(key), 1 << 16);
                InputStream ours = new BufferedInputStream(payload.open(), 1 << 16)) {
            int a;
            do {
                a = stored.read();
                if (a != ours.read()) {
                    return false;
                }
            } while (a != -1);
            return true;
        } catch (MissingObjectException e) {
            return false;
        }
    }
}
