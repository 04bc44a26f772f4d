package io.fmslake.testkit;

import org.testcontainers.containers.MinIOContainer;

/**
 * A real MinIO server in Docker (Testcontainers). Only for tests guarded by
 * {@code @Testcontainers(disabledWithoutDocker = true)} or {@link Docker#available()}.
 */
public final class MinioContainerS3 implements S3Endpoint, AutoCloseable {
    /** A MinIO release with conditional PUTs (If-None-Match / If-Match). */
    public static final String IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";

    private final MinIOContainer container;

    public MinioContainerS3() {
        this.container = new MinIOContainer(IMAGE).withUserName("fmstestaccess").withPassword("fms-test-secret-key");
    }

    public MinioContainerS3 start() {
        container.start();
        return this;
    }

    @Override
    public String endpoint() {
        return container.getHost() + ":" + container.getMappedPort(9000);
    }

    @Override
    public String accessKey() {
        return container.getUserName();
    }

    @Override
    public String secretKey() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}
