package io.fmslake.config;

/** How to reach the bucket. */
public record StoreSettings(
        String endpoint, Secret accessKey, Secret secretKey, String bucket, boolean secure, boolean createBucket) {

    static StoreSettings read(EnvReader env) {
        String endpoint = env.required("MINIO_ENDPOINT");
        env.check(endpoint.isEmpty() || endpoint.matches("[^:/\\s]+(:\\d{1,5})?"), "MINIO_ENDPOINT", endpoint,
                "must be host:port without a scheme (use MINIO_SECURE for https)");
        Secret access = env.secret("MINIO_ACCESS_KEY");
        Secret secret = env.secret("MINIO_SECRET_KEY");
        String bucket = env.string("MINIO_BUCKET", "fms-data");
        env.check(bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"), "MINIO_BUCKET", bucket,
                "must be a valid S3 bucket name (3-63 characters: a-z, 0-9, '.', '-')");
        boolean secure = env.bool("MINIO_SECURE", false);
        boolean create = env.bool("MINIO_CREATE_BUCKET", true);
        return new StoreSettings(endpoint, access, secret, bucket, secure, create);
    }

    /** The endpoint as a URL, honouring {@link #secure()}. */
    public String url() {
        return (secure ? "https://" : "http://") + endpoint;
    }
}
