package io.fmslake.collector.flush;

import io.fmslake.store.Deletion;
import io.fmslake.store.ForwardingObjectStore;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.Precondition;
import io.fmslake.store.UserMetadata;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The store as one flush task sees it: every write first asks {@link Ownership#startUpload} for the task's claim,
 * so the lease and the partitions' epochs are checked right before each PUT, not only when the task starts (the
 * probe and the encoding before an upload may outlast a lease), and the upload counts as running until it returns
 * (a revocation waits for it). Reads pass through. Closing it does nothing: the shared store belongs to the service.
 */
final class GuardedStore extends ForwardingObjectStore {
    private final Ownership ownership;
    private final Ownership.Claim claim;

    GuardedStore(ObjectStore store, Ownership ownership, Ownership.Claim claim) {
        super(store);
        this.ownership = ownership;
        this.claim = claim;
    }

    private <T> T write(String key, Supplier<T> upload) {
        ownership.startUpload(claim, key);
        try {
            return upload.get();
        } finally {
            ownership.endUpload(claim);
        }
    }

    private void write(String key, Runnable upload) {
        write(key, () -> {
            upload.run();
            return null;
        });
    }

    @Override
    public void put(String key, Path file, UserMetadata metadata) {
        write(key, () -> super.put(key, file, metadata));
    }

    @Override
    public void put(String key, byte[] bytes, UserMetadata metadata) {
        write(key, () -> super.put(key, bytes, metadata));
    }

    @Override
    public Optional<String> tryCreate(String key, byte[] bytes, UserMetadata metadata) {
        return write(key, () -> super.tryCreate(key, bytes, metadata));
    }

    @Override
    public Optional<String> tryCreate(String key, Path file, UserMetadata metadata) {
        return write(key, () -> super.tryCreate(key, file, metadata));
    }

    @Override
    public Optional<String> tryReplace(String key, byte[] bytes, String etag, UserMetadata metadata) {
        return write(key, () -> super.tryReplace(key, bytes, etag, metadata));
    }

    @Override
    public Optional<String> tryPut(String key, Path file, Precondition precondition, UserMetadata metadata) {
        return write(key, () -> super.tryPut(key, file, precondition, metadata));
    }

    @Override
    public Deletion deleteIfMatch(String key, String etag) {
        return write(key, () -> super.deleteIfMatch(key, etag));
    }

    @Override
    public void delete(String key) {
        write(key, () -> super.delete(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        write(keys.isEmpty() ? "nothing" : keys.iterator().next(), () -> super.deleteAll(keys));
    }

    @Override
    public void close() {
        // the shared store stays open
    }
}
