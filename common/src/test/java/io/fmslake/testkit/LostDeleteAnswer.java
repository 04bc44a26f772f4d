package io.fmslake.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;

/**
 * A server-side fault for {@link EmbeddedS3#startNew(java.util.function.UnaryOperator)}: the delete of an armed key
 * is performed, then a hook runs (for example a late writer re-creating the key), then the request fails with HTTP
 * 500, as if the answer had been lost on the way back. The client sees a transient failure and repeats a delete that
 * has in fact happened. Fires once per {@link #arm}; single and multi-object deletes both pass through here (S3Proxy
 * deletes the objects of a DeleteObjects request one by one).
 */
public final class LostDeleteAnswer extends ForwardingBlobStore {
    private record Trap(String key, Runnable afterDelete) {}

    private final AtomicReference<Trap> armed = new AtomicReference<>();
    private final AtomicInteger fired = new AtomicInteger();

    public LostDeleteAnswer(BlobStore delegate) {
        super(delegate);
    }

    /** The next delete of {@code key} deletes it, runs {@code afterDelete}, then answers 500. */
    public void arm(String key, Runnable afterDelete) {
        armed.set(new Trap(key, afterDelete));
    }

    /** How many deletes were answered with the injected failure. */
    public int fired() {
        return fired.get();
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        Trap trap = armed.get();
        if (trap == null || !trap.key().equals(request.key()) || !armed.compareAndSet(trap, null)) {
            return super.removeBlob(request);
        }
        super.removeBlob(request);
        trap.afterDelete().run();
        fired.incrementAndGet();
        // not an S3 error type (those become per-key errors in a batch) and not one S3Proxy maps to 400: it escapes
        // the handler, and Jetty answers 500 for the whole request
        throw new UncheckedIOException(
                new IOException("test fault: the answer to the delete of " + request.key() + " is lost"));
    }
}
