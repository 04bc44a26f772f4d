package io.fmslake.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store that passes every call to another: extend it and override only what the wrapper changes. The interface's
 * default methods (the writes without metadata, {@code putIfAbsent}, {@code replaceIfMatch},
 * {@code deleteAllIfMatch}) are not forwarded but lead to the methods below, so an override of, say,
 * {@link #tryCreate(String, byte[], UserMetadata)} sees every create. {@link #close()} closes the delegate.
 */
public abstract class ForwardingObjectStore implements ObjectStore {
    private final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store the calls go to. */
    protected final ObjectStore delegate() {
        return delegate;
    }

    @Override
    public void put(String key, Path file, UserMetadata metadata) {
        delegate.put(key, file, metadata);
    }

    @Override
    public void put(String key, byte[] bytes, UserMetadata metadata) {
        delegate.put(key, bytes, metadata);
    }

    @Override
    public Optional<String> tryCreate(String key, byte[] bytes, UserMetadata metadata) {
        return delegate.tryCreate(key, bytes, metadata);
    }

    @Override
    public Optional<String> tryCreate(String key, Path file, UserMetadata metadata) {
        return delegate.tryCreate(key, file, metadata);
    }

    @Override
    public Optional<String> tryReplace(String key, byte[] bytes, String etag, UserMetadata metadata) {
        return delegate.tryReplace(key, bytes, etag, metadata);
    }

    @Override
    public Optional<String> tryPut(String key, Path file, Precondition precondition, UserMetadata metadata) {
        return delegate.tryPut(key, file, precondition, metadata);
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        return delegate.stat(key);
    }

    @Override
    public TimedStat statWithStoreTime(String key) {
        return delegate.statWithStoreTime(key);
    }

    @Override
    public InputStream open(String key) {
        return delegate.open(key);
    }

    @Override
    public byte[] readRange(String key, long offset, int length) {
        return delegate.readRange(key, offset, length);
    }

    @Override
    public void download(String key, Path target) {
        delegate.download(key, target);
    }

    @Override
    public List<StoredObject> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        delegate.deleteAll(keys);
    }

    @Override
    public Deletion deleteIfMatch(String key, String etag) {
        return delegate.deleteIfMatch(key, etag);
    }

    @Override
    public String bucket() {
        return delegate.bucket();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
