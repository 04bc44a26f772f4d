package io.fmslake.merger;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Makes the embedded S3 server answer 403 AccessDenied to every PUT under {@code _lake/status/}; counts them. */
final class StatusWritesRefused extends ForwardingBlobStore {
    private final AtomicInteger refused = new AtomicInteger();

    StatusWritesRefused(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        if (request.key().startsWith("_lake/status/")) {
            refused.incrementAndGet();
            throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "status writes are not allowed (test policy)");
        }
        return super.putBlob(request, content);
    }

    int refused() {
        return refused.get();
    }
}
