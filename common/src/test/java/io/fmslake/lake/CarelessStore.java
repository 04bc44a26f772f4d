package io.fmslake.lake;

import io.fmslake.store.Deletion;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.Precondition;
import io.fmslake.store.StoredObject;
import io.fmslake.store.TimedStat;
import io.fmslake.testkit.MemoryObjectStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A store that does not honour one kind of condition, over a {@link MemoryObjectStore} (unit tests only). */
final class CarelessStore implements ObjectStore {
    /** Which condition is not honoured. */
    enum Flaw {
        /** {@code If-None-Match: *} ignored: a create overwrites. */
        IGNORES_IF_NONE_MATCH,
        /** {@code If-Match} ignored: a replace always writes. */
        IGNORES_IF_MATCH,
        /** {@code If-Match} on a missing key creates it (MinIO before minio/minio#21550). */
        IF_MATCH_CREATES_MISSING
    }

    private final MemoryObjectStore store;
    private final Flaw flaw;

    CarelessStore(MemoryObjectStore store, Flaw flaw) {
        this.store = store;
        this.flaw = flaw;
    }

    @Override
    public Optional<String> tryCreate(String key, byte[] bytes) {
        if (flaw == Flaw.IGNORES_IF_NONE_MATCH) {
            store.put(key, bytes);
            return Optional.of(store.stat(key).orElseThrow().etag());
        }
        return store.tryCreate(key, bytes);
    }

    @Override
    public Optional<String> tryReplace(String key, byte[] bytes, String etag) {
        boolean missing = store.stat(key).isEmpty();
        if (flaw == Flaw.IGNORES_IF_MATCH || (flaw == Flaw.IF_MATCH_CREATES_MISSING && missing)) {
            store.put(key, bytes);
            return Optional.of(store.stat(key).orElseThrow().etag());
        }
        return store.tryReplace(key, bytes, etag);
    }

    @Override
    public Optional<String> tryCreate(String key, Path file) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void put(String key, Path file) {
        store.put(key, file);
    }

    @Override
    public void put(String key, byte[] bytes) {
        store.put(key, bytes);
    }

    @Override
    public Optional<String> tryPut(String key, Path file, Precondition precondition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TimedStat statWithStoreTime(String key) {
        return store.statWithStoreTime(key);
    }

    @Override
    public Deletion deleteIfMatch(String key, String etag) {
        return store.deleteIfMatch(key, etag);
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        return store.stat(key);
    }

    @Override
    public InputStream open(String key) {
        return store.open(key);
    }

    @Override
    public byte[] readRange(String key, long offset, int length) {
        return store.readRange(key, offset, length);
    }

    @Override
    public void download(String key, Path target) {
        store.download(key, target);
    }

    @Override
    public List<StoredObject> list(String prefix) {
        return store.list(prefix);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        store.deleteAll(keys);
    }

    @Override
    public String bucket() {
        return store.bucket();
    }

    @Override
    public void close() {
        store.close();
    }
}
