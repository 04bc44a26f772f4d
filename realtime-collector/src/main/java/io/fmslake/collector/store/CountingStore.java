package io.fmslake.collector.store;

import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.store.Deletion;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.Precondition;
import io.fmslake.store.StoreException;
import io.fmslake.store.StoredObject;
import io.fmslake.store.TimedStat;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The collector's store, counting every failed call by kind in {@code fms_collector_store_errors_total{op}}. */
public final class CountingStore implements ObjectStore {
    private final ObjectStore store;
    private final CollectorMetrics metrics;

    public CountingStore(ObjectStore store, CollectorMetrics metrics) {
        this.store = store;
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
    public void put(String key, Path file) {
        run("put", () -> store.put(key, file));
    }

    @Override
    public void put(String key, byte[] bytes) {
        run("put", () -> store.put(key, bytes));
    }

    @Override
    public Optional<String> tryCreate(String key, byte[] bytes) {
        return call("create", () -> store.tryCreate(key, bytes));
    }

    @Override
    public Optional<String> tryCreate(String key, Path file) {
        return call("create", () -> store.tryCreate(key, file));
    }

    @Override
    public Optional<String> tryReplace(String key, byte[] bytes, String etag) {
        return call("replace", () -> store.tryReplace(key, bytes, etag));
    }

    @Override
    public Optional<String> tryPut(String key, Path file, Precondition precondition) {
        return call("put", () -> store.tryPut(key, file, precondition));
    }

    @Override
    public TimedStat statWithStoreTime(String key) {
        return call("stat", () -> store.statWithStoreTime(key));
    }

    @Override
    public Deletion deleteIfMatch(String key, String etag) {
        return call("delete", () -> store.deleteIfMatch(key, etag));
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        return call("stat", () -> store.stat(key));
    }

    @Override
    public InputStream open(String key) {
        return call("read", () -> store.open(key));
    }

    @Override
    public byte[] readRange(String key, long offset, int length) {
        return call("read", () -> store.readRange(key, offset, length));
    }

    @Override
    public void download(String key, Path target) {
        run("read", () -> store.download(key, target));
    }

    @Override
    public List<StoredObject> list(String prefix) {
        return call("list", () -> store.list(prefix));
    }

    @Override
    public void delete(String key) {
        run("delete", () -> store.delete(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        run("delete", () -> store.deleteAll(keys));
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
