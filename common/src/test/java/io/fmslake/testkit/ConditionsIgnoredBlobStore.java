package io.fmslake.testkit;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Makes the embedded S3 server behave like a store that does not implement conditional writes: a PUT with
 * {@code If-None-Match: *} or {@code If-Match} is accepted and written whatever the object's state (as an old MinIO
 * or a plain S3-compatible store that ignores the headers would). For tests of the services' start-up check.
 *
 * <p>How: the backend never sees the conditions (they are stripped from the request), and S3Proxy's own pre-check
 * of {@code If-Match} (which reads {@link #blobMetadataIfPresent(String, String)}) is given metadata without an
 * ETag, which it lets pass. That method is only used for such pre-checks and multipart stubs, not by HEAD or GET.
 */
public final class ConditionsIgnoredBlobStore extends ForwardingBlobStore {
    public ConditionsIgnoredBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream in) {
        return super.putBlob(request.toBuilder().ifMatch(null).ifNoneMatch(null).build(), in);
    }

    @Override
    public HeadObjectResponse blobMetadataIfPresent(String container, String key) {
        return HeadObjectResponse.builder().build();
    }
}
