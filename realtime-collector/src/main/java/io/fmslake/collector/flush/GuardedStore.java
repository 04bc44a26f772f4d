package io.fmslake.collector.flush;

import io.fmslake.store.Deletion;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.Precondition;
import io.fmslake.store.StoredObject;
import io.fmslake.store.TimedStat;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The store as one flush task sees it: every write first asks {@link Ownership#startUpload} for the task's claim,
 * so the lease and the partitions' epochs are checked right before each PUT, not only when the task starts (the
 * probe and the encoding before an upload may outlast a lease), and the upload counts as running until it returns
 * (a revocation waits for it). Reads pass through. Closing it does nothing: the shared store belongs to the service.
 */
final class GuardedStore implements ObjectStore {
    private final ObjectStore store;
    private final Ownership ownership;
    private final Ownership.Claim claim;

    GuardedStore(ObjectStore store, Ownership ownership, Ownership.Claim claim) {
        this.store = store;
        this.ownership = ownership;
        this.claim = claim;
    }

    private <T> T write(String key, java.util.function.Supplier<T> upload) {
        ownership.startUpload(claim, key);
        try {
            return upload.get();
        } finally {
            ownership.endUpload(claim);
        }
    }

    @Override
    public void put(String key, Path file) {
        write(key, () -> {
            store.put(key, file);
            return null;
        });
    }

    @Override
    public void put(String key, byte[] bytes) {
        write(key, () -> {
            store.put(key, bytes);
            return null;
        });
    }

    @Override
    public Optional<String> tryCreate(String key, byte[] bytes) {
        return write(key, () -> store.tryCreate(key, bytes));
    }

    @Override
    public Optional<String> tryCreate(String key, Path file) {
        return write(key, () -> store.tryCreate(key, file));
    }

    @Override
    public Optional<String> tryReplace(String key, byte[] bytes, String etag) {
        return write(key, () -> store.tryReplace(key, bytes, etag));
    }

    @Override
    public Optional<String> tryPut(String key, Path file, Precondition precondition) {
        return write(key, () -> store.tryPut(key, file, precondition));
    }

    @Override
    public TimedStat statWithStoreTime(String key) {
        return store.statWithStoreTime(key);
    }

    @Override
    public Deletion deleteIfMatch(String key, String etag) {
        return write(key, () -> store.deleteIfMatch(key, etag));
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
        write(key, () -> {
            store.delete(key);
            return null;
        });
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        write(keys.isEmpty() ? "nothing" : keys.iterator().next(), () -> {
            store.deleteAll(keys);
            return null;
        });
    }

    @Override
    public String bucket() {
        return store.bucket();
    }

    @Override
    public void close() {
        // the shared store stays open
    }
}
