package io.fmslake.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 server (S3Proxy 4.x, filesystem-nio2 backend in a temporary directory) inside the test JVM, on a free
 * port, with fixed test keys ({@link #ACCESS_KEY}, {@link #SECRET_KEY}) and AWS V2/V4 signatures. Conditional
 * writes ({@code If-None-Match: *}, {@code If-Match}) are atomic, like MinIO's: S3Proxy's own create-if-absent,
 * and {@link AtomicWritesBlobStore} for compare-and-swap.
 *
 * <p>{@link #stop()} and {@link #restart()} simulate an outage: same port, same data. Use a private instance
 * ({@link #startNew()}) for that, never {@link #shared()}.
 */
public final class EmbeddedS3 implements S3Endpoint, AutoCloseable {
    public static final String ACCESS_KEY = "fms-test-access";
    public static final String SECRET_KEY = "fms-test-secret-0123456789";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
    private static EmbeddedS3 shared;

    private final Path dir;
    private final int port;
    private final BlobStore blobStore;
    private S3Proxy proxy;
    private Duration startTime = Duration.ZERO;
    private boolean closed;

    private EmbeddedS3(Path dir, int port, UnaryOperator<BlobStore> wrap) {
        this.dir = dir;
        this.port = port;
        this.blobStore = wrap.apply(new AtomicWritesBlobStore(new FilesystemNio2BlobStore(dir.toString())));
    }

    /** The JVM-wide server, started on first use and closed by a shutdown hook. Do not stop or close it. */
    public static synchronized EmbeddedS3 shared() {
        if (shared == null) {
            EmbeddedS3 s3 = startNew();
            Runtime.getRuntime().addShutdownHook(new Thread(s3::close, "embedded-s3-stop"));
            shared = s3;
        }
        return shared;
    }

    /** A private server; the caller closes it. */
    public static EmbeddedS3 startNew() {
        return startNew(UnaryOperator.identity());
    }

    /**
     * A private server whose backend is {@code wrap} applied around the {@link AtomicWritesBlobStore}, for tests that
     * make the server misbehave ({@link LostDeleteAnswer}, {@link ConditionsIgnoredBlobStore},
     * {@link DeletesRefusedBlobStore}); the caller closes it.
     */
    public static EmbeddedS3 startNew(UnaryOperator<BlobStore> wrap) {
        EmbeddedS3 s3 = new EmbeddedS3(TempDirs.create("embedded-s3-"), Ports.free(), wrap);
        s3.restart();
        LOG.info("embedded S3 on {} started in {} ms", s3.endpoint(), s3.startTime.toMillis());
        return s3;
    }

    /** Starts serving again (after {@link #stop()}) on the same port with the same data. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (proxy != null) {
            return;
        }
        long t0 = System.nanoTime();
        S3Proxy p = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            p.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(p.getState())) {
                if ("FAILED".equals(p.getState()) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + p.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            stopQuietly(p);
            throw new IllegalStateException("cannot start S3Proxy on port " + port, e);
        }
        proxy = p;
        startTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Stops serving; connections are refused until {@link #restart()}. Data stays. */
    public synchronized void stop() {
        if (proxy != null) {
            stopQuietly(proxy);
            proxy = null;
        }
    }

    public synchronized boolean running() {
        return proxy != null;
    }

    private static void stopQuietly(S3Proxy p) {
        try {
            p.stop();
        } catch (Exception e) {
            LOG.debug("stopping S3Proxy", e);
        }
    }

    @Override
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return SECRET_KEY;
    }

    /** Where the backend keeps the buckets (one directory per bucket, one file per object). */
    public Path dataDir() {
        return dir;
    }

    /** How long the last (re)start took. */
    public synchronized Duration startTime() {
        return startTime;
    }

    /** Stops the server and deletes its data. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        TempDirs.deleteQuietly(dir);
    }
}
