package io.fmslake.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bucket, seen as keys and bytes. Open one per process with {@link ObjectStores#open}; thread-safe. Every method
 * retries transient failures (lost connections, timeouts, 5xx, 429/SlowDown) with backoff ({@link StoreRetry}) and
 * throws {@link StoreException} once retries are exhausted or the failure is not transient (403, 404, 400...).
 *
 * <h2>What is atomic (S3 semantics, as MinIO implements them)</h2>
 * <ul>
 *   <li>A put of one object, single or multipart: a reader sees the old object or the new one, never a mix, and a
 *       failed upload leaves the old object (or none).</li>
 *   <li>{@link #tryCreate}/{@link #putIfAbsent}: an atomic create ({@code If-None-Match: *}). Of concurrent
 *       creators of one key exactly one wins; the others get {@code false} and nothing is written.</li>
 *   <li>{@link #tryReplace}/{@link #replaceIfMatch}: an atomic compare-and-swap ({@code If-Match: <etag>}).</li>
 *   <li>{@link #tryCreate} and {@link #tryReplace} are one PUT request (at most 5 GiB), never multipart;
 *       {@link #tryPut} uploads larger files in parts and states its condition on the CompleteMultipartUpload, where
 *       S3 and MinIO check it when the object is committed.</li>
 *   <li>{@link #deleteIfMatch} deletes only the object with the given ETag: it sends {@code If-Match} (honoured by
 *       S3 since 2025-09, ignored by MinIO) and, because some servers ignore it, stats the key first on every
 *       attempt, so a retry never removes an object written under the key since the ETag was read.</li>
 *   <li>A retried conditional write whose first answer was lost reads the object back: if it holds exactly the
 *       bytes being written, the write counts as done. Identical content written by someone else is therefore
 *       indistinguishable from our own write; callers that need to tell writers apart put an owner id in the bytes.</li>
 * </ul>
 * <p>Not atomic: a {@link #list} is not a snapshot; {@link #deleteAll} deletes batch by batch and key by key, so a
 * failure can leave some keys deleted; nothing spans several keys. ETags are opaque: compare them, never parse them
 * (multipart ETags differ between servers), and take the one to pass to {@link #tryReplace} from {@link #stat} or
 * from the previous conditional write.
 *
 * <p>Every write takes {@link UserMetadata} (the methods without it write none of their own). A wrapper that changes
 * some calls extends {@link ForwardingObjectStore} and overrides the methods that take metadata: the others lead there.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Uploads a local file, multipart (16 MiB parts) when larger than one part; overwrites. The object carries
     * {@code metadata} (and the store's own stamp, see {@link ObjectStores#open(io.fmslake.config.StoreSettings,
     * StoreRetry, UserMetadata)}) as S3 user metadata.
     */
    void put(String key, Path file, UserMetadata metadata);

    /** Uploads bytes with user metadata; overwrites. */
    void put(String key, byte[] bytes, UserMetadata metadata);

    /**
     * Creates the object, with user metadata, only if no object has that key: its new ETag, or empty if one exists
     * (nothing written).
     */
    Optional<String> tryCreate(String key, byte[] bytes, UserMetadata metadata);

    /** Like {@link #tryCreate(String, byte[], UserMetadata)} for a local file of at most 5 GiB. */
    Optional<String> tryCreate(String key, Path file, UserMetadata metadata);

    /**
     * Replaces the object, with user metadata, only if its current ETag equals {@code etag}: the new ETag, or empty
     * if the ETag differs or the object does not exist (nothing written).
     */
    Optional<String> tryReplace(String key, byte[] bytes, String etag, UserMetadata metadata);

    /**
     * Uploads a local file with user metadata (multipart in 16 MiB parts when larger than one part: the metadata
     * travels with CreateMultipartUpload) only if {@code precondition} holds when the object is committed: its new
     * ETag, or empty if the store refused (nothing written). For a multipart upload the ETag is the one
     * CompleteMultipartUpload answers, which some servers report differently in a stat: take the ETag for a later
     * compare-and-swap from {@link #stat}.
     */
    Optional<String> tryPut(String key, Path file, Precondition precondition, UserMetadata metadata);

    /** {@link #put(String, Path, UserMetadata)} without metadata of its own. */
    default void put(String key, Path file) {
        put(key, file, UserMetadata.none());
    }

    /** {@link #put(String, byte[], UserMetadata)} without metadata of its own. */
    default void put(String key, byte[] bytes) {
        put(key, bytes, UserMetadata.none());
    }

    /** {@link #tryCreate(String, byte[], UserMetadata)} without metadata of its own. */
    default Optional<String> tryCreate(String key, byte[] bytes) {
        return tryCreate(key, bytes, UserMetadata.none());
    }

    /** {@link #tryCreate(String, Path, UserMetadata)} without metadata of its own. */
    default Optional<String> tryCreate(String key, Path file) {
        return tryCreate(key, file, UserMetadata.none());
    }

    /** {@link #tryReplace(String, byte[], String, UserMetadata)} without metadata of its own. */
    default Optional<String> tryReplace(String key, byte[] bytes, String etag) {
        return tryReplace(key, bytes, etag, UserMetadata.none());
    }

    /** {@link #tryPut(String, Path, Precondition, UserMetadata)} without metadata of its own. */
    default Optional<String> tryPut(String key, Path file, Precondition precondition) {
        return tryPut(key, file, precondition, UserMetadata.none());
    }

    /** Creates the object only if no object has that key. Returns false if one exists (nothing is written). */
    default boolean putIfAbsent(String key, Path file) {
        return tryCreate(key, file).isPresent();
    }

    /** Creates the object only if no object has that key. Returns false if one exists (nothing is written). */
    default boolean putIfAbsent(String key, byte[] bytes) {
        return tryCreate(key, bytes).isPresent();
    }

    /** Replaces the object only if its current ETag equals {@code etag}. Returns false otherwise. */
    default boolean replaceIfMatch(String key, byte[] bytes, String etag) {
        return tryReplace(key, bytes, etag).isPresent();
    }

    /** Size, time and ETag of an object, or empty if there is none. */
    Optional<StoredObject> stat(String key);

    /**
     * {@link #stat} plus the store's own time when it answered, for judging an object's age by the store's clock
     * alone. Throws {@link StoreException} if the store's answer carries no time.
     */
    TimedStat statWithStoreTime(String key);

    /** Streams the whole object. The caller closes the stream. Throws {@link MissingObjectException}. */
    InputStream open(String key);

    /**
     * Reads {@code length} bytes from {@code offset} (fewer if the object ends first). Throws
     * {@link MissingObjectException}.
     */
    byte[] readRange(String key, long offset, int length);

    /** Downloads the object into {@code target} (replaced if present). Throws {@link MissingObjectException}. */
    void download(String key, Path target);

    /**
     * Every object whose key starts with {@code prefix}, recursively, sorted by key, without zero-byte folder
     * markers ({@code a/b/}).
     */
    List<StoredObject> list(String prefix);

    /** Deletes one key; deleting a missing key is not an error. */
    void delete(String key);

    /** Deletes the keys in batches of 1000; missing keys are not an error; throws if any delete failed. */
    void deleteAll(Collection<String> keys);

    /**
     * Deletes {@code key} only if it still is the object with {@code etag} (quoted or not). Every attempt, retries
     * included, first stats the key: absent means done, another ETag means the object was written anew since the
     * ETag was read and is left in place ({@link Deletion#CHANGED}); then the DELETE carries {@code If-Match} for
     * servers that check it. Sound where only one process deletes and writers only create ({@code If-None-Match}):
     * an object with the expected ETag can then only disappear by that process's own delete.
     */
    Deletion deleteIfMatch(String key, String etag);

    /** {@link #deleteIfMatch} for each object (its key and ETag), in order: the outcome per key. */
    default Map<String, Deletion> deleteAllIfMatch(Collection<StoredObject> objects) {
        Map<String, Deletion> outcomes = new LinkedHashMap<>();
        for (StoredObject o : objects) {
            outcomes.put(o.key(), deleteIfMatch(o.key(), o.etag()));
        }
        return outcomes;
    }

    /** The bucket's name, for messages. */
    String bucket();

    @Override
    void close();
}
