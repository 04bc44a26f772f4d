package io.fmslake.testkit;

import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;

/**
 * Makes the embedded S3 server answer every delete with 403 AccessDenied, as MinIO does for a user whose policy
 * lacks {@code s3:DeleteObject} (the collector's policy in k8s/README-deploy.md). Counts the refusals.
 */
public final class DeletesRefusedBlobStore extends ForwardingBlobStore {
    private final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

    public DeletesRefusedBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        refused.incrementAndGet();
        throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "deletes are not allowed (test policy)");
    }

    @Override
    public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
        refused.incrementAndGet();
        throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "deletes are not allowed (test policy)");
    }

    /** How many delete requests were refused. */
    public int refused() {
        return refused.get();
    }
}
