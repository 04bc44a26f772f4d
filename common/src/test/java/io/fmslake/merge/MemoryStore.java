package io.fmslake.merge;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoreException;
import io.fmslake.store.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory bucket with S3's conditional-write semantics, for unit tests. */
final class MemoryStore implements ObjectStore {
    private final Map<String, Entry> objects = new TreeMap<>();
    private final AtomicLong versions = new AtomicLong();
    final List<String> deletes = new ArrayList<>();

    private record Entry(byte[] bytes, String etag, Instant modified) {
    }

    @Override
    public synchronized void put(String key, Path file) {
        put(key, read(file));
    }

    @Override
    public synchronized void put(String key, byte[] bytes) {
        objects.put(key, new Entry(bytes.clone(), "e" + versions.incrementAndGet(), Instant.EPOCH));
    }

    @Override
    public synchronized Optional<String> tryCreate(String key, byte[] bytes) {
        if (objects.containsKey(key)) {
            return Optional.empty();
        }
        put(key, bytes);
        return Optional.of(objects.get(key).etag());
    }

    @Override
    public synchronized Optional<String> tryCreate(String key, Path file) {
        return tryCreate(key, read(file));
    }

    @Override
    public synchronized Optional<String> tryReplace(String key, byte[] bytes, String etag) {
        Entry e = objects.get(key);
        if (e == null || !e.etag().equals(etag)) {
            return Optional.empty();
        }
        put(key, bytes);
        return Optional.of(objects.get(key).etag());
    }

    @Override
    public synchronized Optional<StoredObject> stat(String key) {
        Entry e = objects.get(key);
        return e == null ? Optional.empty() : Optional.of(new StoredObject(key, e.bytes().length, e.modified(), e.etag()));
    }

    @Override
    public synchronized InputStream open(String key) {
        return new ByteArrayInputStream(entry(key).bytes());
    }

    @Override
    public synchronized byte[] readRange(String key, long offset, int length) {
        byte[] b = entry(key).bytes();
        return Arrays.copyOfRange(b, (int) offset, (int) Math.min(b.length, offset + length));
    }

    @Override
    public synchronized void download(String key, Path target) {
        try {
            Files.write(target, entry(key).bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized List<StoredObject> list(String prefix) {
        List<StoredObject> out = new ArrayList<>();
        for (String k : objects.keySet()) {
            if (k.startsWith(prefix)) {
                out.add(stat(k).orElseThrow());
            }
        }
        return out;
    }

    @Override
    public synchronized void delete(String key) {
        deletes.add(key);
        objects.remove(key);
    }

    @Override
    public synchronized void deleteAll(Collection<String> keys) {
        keys.forEach(this::delete);
    }

    @Override
    public String bucket() {
        return "memory";
    }

    @Override
    public void close() {
    }

    synchronized byte[] bytes(String key) {
        return entry(key).bytes().clone();
    }

    private Entry entry(String key) {
        Entry e = objects.get(key);
        if (e == null) {
            throw new StoreException("no such key " + key);
        }
        return e;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
