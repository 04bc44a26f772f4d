package io.fmslake.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The bucket, seen as keys and bytes. One instance per process; thread-safe. Every method retries transient
 * failures with backoff and throws {@link StoreException} once retries are exhausted.
 *
 * <p>Atomicity (S3 semantics, as MinIO implements them): a put of one object is atomic, a reader sees the old
 * or the new object, never a mix, also for multipart uploads. {@link #putIfAbsent} is an atomic create
 * ({@code If-None-Match: *}); {@link #replaceIfMatch} is an atomic compare-and-swap ({@code If-Match}). A list is
 * not a snapshot; deleting several keys is not atomic as a whole.
 */
public interface ObjectStore extends AutoCloseable {

    /** Uploads a local file, multipart when large; overwrites. */
    void put(String key, Path file);

    /** Uploads bytes; overwrites. */
    void put(String key, byte[] bytes);

    /** Creates the object only if no object has that key. Returns false if one exists (nothing is written). */
    boolean putIfAbsent(String key, Path file);

    /** Creates the object only if no object has that key. Returns false if one exists (nothing is written). */
    boolean putIfAbsent(String key, byte[] bytes);

    /** Replaces the object only if its current ETag equals {@code etag}. Returns false otherwise. */
    boolean replaceIfMatch(String key, byte[] bytes, String etag);

    /** Size, time and ETag of an object, or empty if there is none. */
    Optional<StoredObject> stat(String key);

    /** Streams the whole object. The caller closes the stream. */
    InputStream open(String key);

    /** Reads {@code length} bytes from {@code offset}. */
    byte[] readRange(String key, long offset, int length);

    /** Downloads the object into {@code target} (replaced if present). */
    void download(String key, Path target);

    /** Every object whose key starts with {@code prefix}, recursively, sorted by key, without folder markers. */
    List<StoredObject> list(String prefix);

    /** Deletes one key; deleting a missing key is not an error. */
    void delete(String key);

    /** Deletes the keys (in batches); missing keys are not an error. */
    void deleteAll(Collection<String> keys);

    /** The bucket's name, for messages. */
    String bucket();

    @Override
    void close();
}
