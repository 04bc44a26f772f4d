package io.fmslake.store;

import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.MinioException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

/** What to upload: bytes in memory or a local file (read from disk per part, never held in memory whole). */
interface Payload {
    long size();

    InputStream open() throws IOException;

    /** One attempt at a PUT (multipart above {@code partSize}) with extra headers and user metadata. */
    ObjectWriteResponse upload(
            MinioClient client,
            String bucket,
            String key,
            Map<String, String> headers,
            UserMetadata metadata,
            long partSize)
            throws MinioException, IOException, GeneralSecurityException;

    static Payload of(byte[] bytes) {
        return new Payload() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public ObjectWriteResponse upload(
                    MinioClient client,
                    String bucket,
                    String key,
                    Map<String, String> headers,
                    UserMetadata metadata,
                    long partSize)
                    throws MinioException, IOException, GeneralSecurityException {
                return client.putObject(PutObjectArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .headers(headers)
                        .userMetadata(metadata.entries())
                        .contentType("application/octet-stream")
                        .stream(new ByteArrayInputStream(bytes), bytes.length, partSize)
                        .build());
            }
        };
    }

    static Payload of(Path file) {
        return new Payload() {
            @Override
            public long size() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new StoreException("cannot read " + file, e);
                }
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public ObjectWriteResponse upload(
                    MinioClient client,
                    String bucket,
                    String key,
                    Map<String, String> headers,
                    UserMetadata metadata,
                    long partSize)
                    throws MinioException, IOException, GeneralSecurityException {
                return client.uploadObject(UploadObjectArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .headers(headers)
                        .userMetadata(metadata.entries())
                        .contentType("application/octet-stream")
                        .filename(file.toString(), partSize)
                        .build());
            }
        };
    }
}
