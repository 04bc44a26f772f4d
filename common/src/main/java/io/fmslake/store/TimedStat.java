package io.fmslake.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stat together with the store's own clock at the moment it answered (its {@code Date} header), so that the age of
 * an object ({@code storeTime - lastModified}) is judged by one clock, the store's, whatever the local clock says.
 * Both have a resolution of one second on S3 servers.
 *
 * @param object    the object, or empty if there is none
 * @param storeTime the store's time when it answered
 */
public record TimedStat(Optional<StoredObject> object, Instant storeTime) {
    public TimedStat {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(storeTime, "storeTime");
    }
}
