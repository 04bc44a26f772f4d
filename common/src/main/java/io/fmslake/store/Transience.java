package io.fmslake.store;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Reads failures of the object store. Transient ones are worth repeating: lost connections, timeouts, 5xx answers,
 * 429 and the S3 throttling codes; answers that describe the request (404, 403, 412, 400...) are not.
 */
final class Transience {
    /** S3 error codes that mean "try again later", whatever the HTTP status says. */
    private static final Set<String> RETRYABLE_CODES = Set.of(
            "SlowDown",
            "RequestTimeout",
            "InternalError",
            "ServiceUnavailable",
            "OperationAborted",
            "XMinioServerNotInitialized",
            "XMinioReadQuorum",
            "XMinioWriteQuorum",
            "ConditionalRequestConflict");

    private Transience() {}

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ErrorResponseException e) {
                return isTransientStatus(status(e)) || RETRYABLE_CODES.contains(code(e));
            }
            if (t instanceof ServerException e) {
                return isTransientStatus(e.statusCode());
            }
            if (t instanceof InvalidResponseException) {
                return true; // a non-S3 answer, e.g. an HTML error page from a proxy or load balancer
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static boolean isTransientStatus(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /** The answer says the key names no object (a missing bucket is not "missing"). */
    static boolean isMissing(ErrorResponseException e) {
        String code = code(e);
        return code.equals("NoSuchKey")
                || code.equals("NoSuchObject")
                || (status(e) == 404 && !code.equals("NoSuchBucket"));
    }

    /** The HTTP status of an S3 error answer, or -1 if unknown. */
    static int status(ErrorResponseException e) {
        return e.response() == null ? -1 : e.response().code();
    }

    /** The S3 error code (e.g. {@code NoSuchKey}), or empty if unknown. */
    static String code(ErrorResponseException e) {
        return e.errorResponse() == null || e.errorResponse().code() == null
                ? ""
                : e.errorResponse().code();
    }
}
