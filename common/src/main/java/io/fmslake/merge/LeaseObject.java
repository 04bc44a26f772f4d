package io.fmslake.merge;

import io.fmslake.store.MissingObjectException;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.store.TimedStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * What the store holds under a lease key now, and how old it is by the store's clock: its Last-Modified (set by the
 * store at the holder's last write) against the store's time when it answered. Expiry is judged by these two store
 * timestamps and the holder's TTL alone; no machine's wall clock plays a part.
 *
 * @param key    the lease object's key
 * @param record its content
 * @param etag   its ETag (what a takeover replaces on condition)
 * @param age    the store's time minus the object's Last-Modified
 */
record LeaseObject(String key, LeaseRecord record, String etag, Duration age) {
    /** Resolution of the store's Last-Modified and Date (HTTP dates): added to the age a contender waits for. */
    static final Duration STORE_TIME_RESOLUTION = Duration.ofSeconds(1);

    /** The object under {@code key}, or empty when there is none (never written, or released meanwhile). */
    static Optional<LeaseObject> read(ObjectStore store, String key) {
        TimedStat stat = store.statWithStoreTime(key);
        if (stat.object().isEmpty()) {
            return Optional.empty();
        }
        StoredObject object = stat.object().get();
        try (InputStream in = store.open(key)) {
            LeaseRecord record = LeaseRecord.fromJson(in.readAllBytes());
            return Optional.of(new LeaseObject(
                    key, record, object.etag(), Duration.between(object.lastModified(), stat.storeTime())));
        } catch (MissingObjectException e) {
            return Optional.empty(); // released meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key, e);
        }
    }

    /** The holder's TTL as it wrote it; {@code fallback} (the reader's own) for an object without a readable one. */
    Duration ttl(Duration fallback) {
        return record.ttl().orElse(fallback);
    }

    /** True once the store's clock says the object is at least its TTL plus the store's resolution old. */
    boolean expired(Duration fallbackTtl) {
        return age.compareTo(ttl(fallbackTtl).plus(STORE_TIME_RESOLUTION)) >= 0;
    }

    String describe(Duration fallbackTtl) {
        return record.owner() + " (renewed " + age.toMillis() / 1000.0 + " s ago by the store's clock, TTL "
                + ttl(fallbackTtl) + ")";
    }
}
