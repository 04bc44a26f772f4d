package io.fmslake.store;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.errors.MinioException;
import io.minio.messages.Part;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's multipart calls, which take extra headers per request, made reachable (they are protected in MinIO SDK
 * 8.5's {@code S3Base}). The SDK's own {@code putObject} sends extra headers with CreateMultipartUpload, where servers
 * need not check a condition; here the condition travels with CompleteMultipartUpload, where S3 and MinIO check it
 * when the object is committed. The user metadata travels with CreateMultipartUpload, as S3 requires.
 */
final class MultipartClient extends MinioAsyncClient {
    private static final Logger LOG = LoggerFactory.getLogger(MultipartClient.class);

    MultipartClient(MinioAsyncClient client) {
        super(client);
    }

    /**
     * One attempt at a multipart upload: create, the parts (read from the payload, one part in memory at a time),
     * then complete with {@code completeHeaders}. The upload is aborted if anything fails.
     */
    ObjectWriteResponse upload(
            String bucket,
            String key,
            Payload payload,
            long partSize,
            Map<String, String> completeHeaders,
            UserMetadata metadata)
            throws MinioException, IOException, GeneralSecurityException {
        String uploadId = createMultipartUpload(bucket, null, key, createHeaders(metadata), null)
                .result()
                .uploadId();
        try (InputStream in = payload.open()) {
            List<Part> parts = new ArrayList<>();
            byte[] buffer = new byte[Math.toIntExact(partSize)];
            int read;
            do {
                read = in.readNBytes(buffer, 0, buffer.length);
                if (read == 0 && !parts.isEmpty()) {
                    break;
                }
                byte[] part = read == buffer.length ? buffer : Arrays.copyOf(buffer, read);
                int number = parts.size() + 1;
                parts.add(new Part(
                        number,
                        uploadPart(bucket, null, key, part, read, uploadId, number, null, null)
                                .etag()));
            } while (read == buffer.length);
            return completeMultipartUpload(
                    bucket,
                    null,
                    key,
                    uploadId,
                    parts.toArray(Part[]::new),
                    ImmutableMultimap.copyOf(completeHeaders.entrySet()),
                    null);
        } catch (MinioException | IOException | GeneralSecurityException | RuntimeException e) {
            abortQuietly(bucket, key, uploadId);
            throw e;
        }
    }

    /** The content type and the user metadata ({@code x-amz-meta-<name>}) of the object to be. */
    static Multimap<String, String> createHeaders(UserMetadata metadata) {
        ImmutableMultimap.Builder<String, String> headers = ImmutableMultimap.builder();
        headers.put("Content-Type", "application/octet-stream");
        metadata.entries().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        return headers.build();
    }

    private void abortQuietly(String bucket, String key, String uploadId) {
        try {
            abortMultipartUpload(bucket, null, key, uploadId, null, null);
        } catch (MinioException | IOException | GeneralSecurityException | RuntimeException e) {
            LOG.debug("aborting the multipart upload of {} failed; the store expires it: {}", key, e.toString());
        }
    }
}
