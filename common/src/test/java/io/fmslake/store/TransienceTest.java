package io.fmslake.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InternalException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.ErrorResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class TransienceTest {

    static ErrorResponseException answer(int status, String code) {
        Response response = new Response.Builder()
                .request(new Request.Builder().url("http://127.0.0.1:9000/b/k").build())
                .protocol(Protocol.HTTP_1_1)
                .code(status)
                .message(code)
                .build();
        return new ErrorResponseException(new ErrorResponse(code, "test", "b", "k", "/b/k", "r", "h"), response, "");
    }

    @Test
    void connectionFailuresAndTimeoutsAreTransient() {
        assertTrue(Transience.isTransient(new ConnectException("Connection refused")));
        assertTrue(Transience.isTransient(new SocketTimeoutException("read timed out")));
        assertTrue(Transience.isTransient(new RuntimeException(new IOException("reset"))));
    }

    @Test
    void serverErrorsAndThrottlingAreTransient() {
        assertTrue(Transience.isTransient(answer(500, "InternalError")));
        assertTrue(Transience.isTransient(answer(503, "SlowDown")));
        assertTrue(Transience.isTransient(answer(429, "TooManyRequests")));
        assertTrue(Transience.isTransient(answer(400, "RequestTimeout")));
        assertTrue(Transience.isTransient(answer(409, "ConditionalRequestConflict")));
        assertTrue(Transience.isTransient(new ServerException("bad gateway", 502, "")));
        assertTrue(Transience.isTransient(new InvalidResponseException(502, "text/html", "<html>", "")));
    }

    @Test
    void answersAboutTheRequestAreNotRetried() {
        assertFalse(Transience.isTransient(answer(404, "NoSuchKey")));
        assertFalse(Transience.isTransient(answer(412, "PreconditionFailed")));
        assertFalse(Transience.isTransient(answer(403, "AccessDenied")));
        assertFalse(Transience.isTransient(answer(409, "BucketAlreadyOwnedByYou")));
        assertFalse(Transience.isTransient(new InternalException("bug", "")));
        assertFalse(Transience.isTransient(new StoreException("no")));
        assertFalse(Transience.isTransient(new IllegalArgumentException("part size")));
    }

    @Test
    void missingMeansNoSuchKeyNotNoSuchBucket() {
        assertTrue(Transience.isMissing(answer(404, "NoSuchKey")));
        assertTrue(Transience.isMissing(answer(404, "")));
        assertFalse(Transience.isMissing(answer(404, "NoSuchBucket")));
        assertFalse(Transience.isMissing(answer(403, "AccessDenied")));
    }
}
