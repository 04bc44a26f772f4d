package io.fmslake.store;

import io.fmslake.config.StoreSettings;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.http.HttpUtils;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the process's {@link ObjectStore}. Call once per process and share the result: it owns the connections. */
public final class ObjectStores {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectStores.class);

    private ObjectStores() {}

    /** Opens the bucket with the default retries; creates it when missing if the settings allow. */
    public static ObjectStore open(StoreSettings settings) {
        return open(settings, StoreRetry.defaults());
    }

    /** Opens the bucket with the given retries; creates it when missing if the settings allow. */
    public static ObjectStore open(StoreSettings settings, StoreRetry retry) {
        return open(settings, retry, UserMetadata.none());
    }

    /**
     * Opens the bucket with the given retries and a stamp that every object this store writes carries as S3 user
     * metadata (a service's {@link UserMetadata#writer}); creates the bucket when missing if the settings allow.
     */
    public static ObjectStore open(StoreSettings settings, StoreRetry retry, UserMetadata stamp) {
        MinioClient client = MinioClient.builder()
                .endpoint(settings.url())
                .credentials(settings.accessKey().reveal(), settings.secretKey().reveal())
                .httpClient(httpClient(settings), true)
                .build();
        client.disableVirtualStyleEndpoint(); // path-style: http://host:port/bucket/key
        // multipart uploads whose completion carries a condition need the SDK's async client (MultipartClient)
        MinioAsyncClient multipart = MinioAsyncClient.builder()
                .endpoint(settings.url())
                .credentials(settings.accessKey().reveal(), settings.secretKey().reveal())
                .httpClient(httpClient(settings), true)
                .build();
        multipart.disableVirtualStyleEndpoint();
        MinioObjectStore store = new MinioObjectStore(client, multipart, settings.bucket(), retry, stamp);
        try {
            store.ensureBucket(settings.createBucket());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.info("object store {} bucket {} (access key and secret hidden)", settings.url(), settings.bucket());
        return store;
    }

    /**
     * MinIO's default HTTP client with our timeouts: connect, the longest silence while writing a request or reading
     * its answer, and (when set) the whole call. Without them a store that accepts connections and never answers
     * holds a call for minutes.
     */
    static OkHttpClient httpClient(StoreSettings settings) {
        long request = settings.requestTimeout().toMillis();
        return HttpUtils.newDefaultHttpClient(settings.connectTimeout().toMillis(), request, request)
                .newBuilder()
                .callTimeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }
}
