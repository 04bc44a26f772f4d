package io.fmslake.collector.store;

import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.store.Deletion;
import io.fmslake.store.ForwardingObjectStore;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.Precondition;
import io.fmslake.store.StoreException;
import io.fmslake.store.StoredObject;
import io.fmslake.store.TimedStat;
import io.fmslake.store.UserMetadata;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The collector's store, counting every failed call by kind in {@code fms_collector_store_errors_total{op}}. */
public final class CountingStore extends ForwardingObjectStore {
    private final CollectorMetrics metrics;

    public CountingStore(ObjectStore store, CollectorMetrics metrics) {
        super(store);
        this.metrics = metrics;
    }

    private <T> T call(String op, Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreException e) {
            metrics.storeError(op);
            throw e;
        }
    }

    private void run(String op, Runnable call) {
        call(op, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public void put(String key, Path file, UserMetadata metadata) {
        run("put", () -> super.put(key, file, metadata));
    }

    @Override
    public void put(String key, byte[] bytes, UserMetadata metadata) {
        run("put", () -> super.put(key, bytes, metadata));
    }

    @Override
    public Optional<String> tryCreate(String key, byte[] bytes, UserMetadata metadata) {
        return call("create", () -> super.tryCreate(key, bytes, metadata));
    }

    @Override
    public Optional<String> tryCreate(String key, Path file, UserMetadata metadata) {
        return call("create", () -> super.tryCreate(key, file, metadata));
    }

    @Override
    public Optional<String> tryReplace(String key, byte[] bytes, String etag, UserMetadata metadata) {
        return call("replace", () -> super.tryReplace(key, bytes, etag, metadata));
    }

    @Override
    public Optional<String> tryPut(String key, Path file, Precondition precondition, UserMetadata metadata) {
        return call("put", () -> super.tryPut(key, file, precondition, metadata));
    }

    @Override
    public TimedStat statWithStoreTime(String key) {
        return call("stat", () -> super.statWithStoreTime(key));
    }

    @Override
    public Deletion deleteIfMatch(String key, String etag) {
        return call("delete", () -> super.deleteIfMatch(key, etag));
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        return call("stat", () -> super.stat(key));
    }

    @Override
    public InputStream open(String key) {
        return call("read", () -> super.open(key));
    }

    @Override
    public byte[] readRange(String key, long offset, int length) {
        return call("read", () -> super.readRange(key, offset, length));
    }

    @Override
    public void download(String key, Path target) {
        run("read", () -> super.download(key, target));
    }

    @Override
    public List<StoredObject> list(String prefix) {
        return call("list", () -> super.list(prefix));
    }

    @Override
    public void delete(String key) {
        run("delete", () -> super.delete(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        run("delete", () -> super.deleteAll(keys));
    }
}
