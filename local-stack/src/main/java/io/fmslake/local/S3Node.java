package io.fmslake.local;

import io.fmslake.testkit.AtomicWritesBlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3 server (S3Proxy, filesystem-nio2 backend) in this JVM, on a fixed port, keeping one directory per bucket
 * and one file per object under the data folder, so the lake survives restarts. Fixed local keys
 * ({@link #ACCESS_KEY}, {@link #SECRET_KEY}), AWS V2/V4 signatures, path-style URLs, plain HTTP. Conditional writes
 * are atomic like MinIO's ({@link AtomicWritesBlobStore}), which the merge lease relies on.
 */
final class S3Node implements AutoCloseable {
    static final String ACCESS_KEY = "fms-local-access";
    static final String SECRET_KEY = "fms-local-secret-0123456789";

    private final S3Proxy proxy;
    private final BlobStore store;
    private final int port;

    private S3Node(S3Proxy proxy, BlobStore store, int port) {
        this.proxy = proxy;
        this.store = store;
        this.port = port;
    }

    static S3Node start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BlobStore store = new AtomicWritesBlobStore(
                new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()));
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        S3Node node = new S3Node(proxy, store, port);
        try {
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start on port " + port + ": " + proxy.getState());
                }
                Thread.sleep(20);
            }
            return node;
        } catch (Exception e) {
            node.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    /** Creates the bucket unless it exists. True when it was created now. */
    boolean ensureBucket(String bucket) {
        if (store.list().buckets().stream().anyMatch(b -> b.name().equals(bucket))) {
            return false;
        }
        store.createContainer(bucket);
        return true;
    }

    /** {@code host:port}, the form MINIO_ENDPOINT takes. */
    String endpoint() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // stopping is best effort: the JVM exits next
        }
    }
}
