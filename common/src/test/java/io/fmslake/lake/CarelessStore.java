package io.fmslake.lake;

import io.fmslake.store.ForwardingObjectStore;
import io.fmslake.store.Precondition;
import io.fmslake.store.UserMetadata;
import io.fmslake.testkit.MemoryObjectStore;
import java.nio.file.Path;
import java.util.Optional;

/** A store that does not honour one kind of condition, over a {@link MemoryObjectStore} (unit tests only). */
final class CarelessStore extends ForwardingObjectStore {
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
        super(store);
        this.store = store;
        this.flaw = flaw;
    }

    @Override
    public Optional<String> tryCreate(String key, byte[] bytes, UserMetadata metadata) {
        if (flaw == Flaw.IGNORES_IF_NONE_MATCH) {
            store.put(key, bytes, metadata);
            return Optional.of(store.stat(key).orElseThrow().etag());
        }
        return store.tryCreate(key, bytes, metadata);
    }

    @Override
    public Optional<String> tryReplace(String key, byte[] bytes, String etag, UserMetadata metadata) {
        boolean missing = store.stat(key).isEmpty();
        if (flaw == Flaw.IGNORES_IF_MATCH || (flaw == Flaw.IF_MATCH_CREATES_MISSING && missing)) {
            store.put(key, bytes, metadata);
            return Optional.of(store.stat(key).orElseThrow().etag());
        }
        return store.tryReplace(key, bytes, etag, metadata);
    }

    @Override
    public Optional<String> tryCreate(String key, Path file) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> tryCreate(String key, Path file, UserMetadata metadata) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> tryPut(String key, Path file, Precondition precondition, UserMetadata metadata) {
        throw new UnsupportedOperationException();
    }
}
