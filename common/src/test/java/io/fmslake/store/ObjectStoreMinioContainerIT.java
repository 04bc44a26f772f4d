package io.fmslake.store;

import io.fmslake.testkit.MinioContainerS3;
import io.fmslake.testkit.S3Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract against a real MinIO server in Docker; skipped where no Docker engine exists. */
@Testcontainers(disabledWithoutDocker = true)
class ObjectStoreMinioContainerIT extends ObjectStoreContract {
    private static MinioContainerS3 minio;

    @BeforeAll
    static void startMinio() {
        minio = new MinioContainerS3().start();
    }

    @AfterAll
    static void stopMinio() {
        if (minio != null) {
            minio.close();
        }
    }

    @Override
    S3Endpoint server() {
        return minio;
    }
}
