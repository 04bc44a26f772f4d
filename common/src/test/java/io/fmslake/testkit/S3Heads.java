package io.fmslake.testkit;

import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an object's S3 user metadata the way the MinIO console does: a HEAD request by a client of its own (not the
 * production {@code ObjectStore}), answering the {@code x-amz-meta-*} headers without the prefix, names in lower case.
 */
public final class S3Heads {
    private S3Heads() {}

    /** The user metadata of {@code key}, sorted by name. Throws if the object is missing. */
    public static Map<String, String> userMetadata(S3Endpoint server, String bucket, String key) {
        MinioClient client = MinioClient.builder()
                .endpoint("http://" + server.endpoint())
                .credentials(server.accessKey(), server.secretKey())
                .build();
        try {
            StatObjectResponse head = client.statObject(
                    StatObjectArgs.builder().bucket(bucket).object(key).build());
            Map<String, String> out = new TreeMap<>();
            head.userMetadata().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
            return out;
        } catch (Exception e) { // test kit: any failure of the HEAD fails the test
            throw new AssertionError("HEAD " + bucket + "/" + key + " failed: " + e, e);
        } finally {
            try {
                client.close();
            } catch (Exception e) {
                // nothing to release that matters in a test
            }
        }
    }
}
