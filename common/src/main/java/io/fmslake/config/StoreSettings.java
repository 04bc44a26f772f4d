package io.fmslake.config;

import java.time.Duration;

/**
 * How to reach the bucket, and how long a store call may take.
 *
 * @param connectTimeout TCP connect (STORE_CONNECT_TIMEOUT)
 * @param requestTimeout longest silence of the server while a request is written or its answer read
 *                       (STORE_REQUEST_TIMEOUT): a store that accepts connections but does not answer is noticed
 * @param callTimeout    bound on one whole request, upload and answer included; zero for none (streams of big
 *                       objects must not be cut). Not read from the environment here: a service that needs it (the
 *                       collector, STORE_UPLOAD_TIMEOUT) sets it with {@link #withCallTimeout}
 */
public record StoreSettings(
        String endpoint,
        Secret accessKey,
        Secret secretKey,
        String bucket,
        boolean secure,
        boolean createBucket,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration callTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

    /** With the default timeouts and no bound on a whole call. */
    public StoreSettings(
            String endpoint, Secret accessKey, Secret secretKey, String bucket, boolean secure, boolean createBucket) {
        this(
                endpoint,
                accessKey,
                secretKey,
                bucket,
                secure,
                createBucket,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT,
                Duration.ZERO);
    }

    static StoreSettings read(EnvReader env) {
        String endpoint = env.required("MINIO_ENDPOINT");
        env.check(
                endpoint.isEmpty() || endpoint.matches("[^:/\\s]+(:\\d{1,5})?"),
                "MINIO_ENDPOINT",
                endpoint,
                "must be host:port without a scheme (use MINIO_SECURE for https)");
        Secret access = env.secret("MINIO_ACCESS_KEY");
        Secret secret = env.secret("MINIO_SECRET_KEY");
        String bucket = env.string("MINIO_BUCKET", "fms-data");
        env.check(
                bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
                "MINIO_BUCKET",
                bucket,
                "must be a valid S3 bucket name (3-63 characters: a-z, 0-9, '.', '-')");
        boolean secure = env.bool("MINIO_SECURE", false);
        boolean create = env.bool("MINIO_CREATE_BUCKET", true);
        Duration connect = env.duration(
                "STORE_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5));
        Duration request = env.duration(
                "STORE_REQUEST_TIMEOUT", DEFAULT_REQUEST_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(10));
        return new StoreSettings(endpoint, access, secret, bucket, secure, create, connect, request, Duration.ZERO);
    }

    /** The same settings with every whole call bounded by {@code timeout} (zero: unbounded). */
    public StoreSettings withCallTimeout(Duration timeout) {
        return new StoreSettings(
                endpoint, accessKey, secretKey, bucket, secure, createBucket, connectTimeout, requestTimeout, timeout);
    }

    /** The same settings with other connect and request timeouts. */
    public StoreSettings withTimeouts(Duration connect, Duration request) {
        return new StoreSettings(
                endpoint, accessKey, secretKey, bucket, secure, createBucket, connect, request, callTimeout);
    }

    /** The endpoint as a URL, honouring {@link #secure()}. */
    public String url() {
        return (secure ? "https://" : "http://") + endpoint;
    }
}
