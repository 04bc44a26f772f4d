package io.fmslake.store;

import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Headers;

/** Stat requests: the object's size, time and ETag, and where asked the store's own time ({@link TimedStat}). */
final class Stats {
    private final MinioClient client;
    private final String bucket;
    private final Calls calls;

    Stats(MinioClient client, String bucket, Calls calls) {
        this.client = client;
        this.bucket = bucket;
        this.calls = calls;
    }

    Optional<StoredObject> stat(String key) {
        return calls.get("stat " + key, ctx -> statOnce(client, bucket, key));
    }

    /** One stat request, no retries: the object or empty. */
    static Optional<StoredObject> statOnce(MinioClient client, String bucket, String key)
            throws MinioException, IOException, GeneralSecurityException {
        try {
            return Optional.of(stored(key, client.statObject(args(bucket, key))));
        } catch (ErrorResponseException e) {
            if (Transience.isMissing(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    TimedStat timed(String key) {
        return calls.get("stat " + key + " with the store's time", ctx -> {
            try {
                StatObjectResponse s = client.statObject(args(bucket, key));
                return new TimedStat(Optional.of(stored(key, s)), storeTime(s.headers()));
            } catch (ErrorResponseException e) {
                if (Transience.isMissing(e) && e.response() != null) {
                    return new TimedStat(
                            Optional.empty(), storeTime(e.response().headers()));
                }
                throw e;
            }
        });
    }

    private static StatObjectArgs args(String bucket, String key) {
        return StatObjectArgs.builder().bucket(bucket).object(key).build();
    }

    private static StoredObject stored(String key, StatObjectResponse s) {
        return new StoredObject(key, s.size(), s.lastModified().toInstant(), MinioObjectStore.etag(s.etag()));
    }

    /** The server's clock from its {@code Date} answer header (RFC 1123, one second resolution). */
    private Instant storeTime(Headers headers) {
        String date = headers.get("Date");
        if (date == null) {
            throw new StoreException("the store of bucket " + bucket + " answers without a Date header: its time, "
                    + "by which the merge lease is judged, is unknown");
        }
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new StoreException(
                    "the store of bucket " + bucket + " answers with an unreadable Date header '" + date + "'", e);
        }
    }
}
