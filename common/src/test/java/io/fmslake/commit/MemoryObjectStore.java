package io.fmslake.commit;

import io.fmslake.store.MissingObjectException;
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
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory bucket for unit tests of code written against {@link ObjectStore}. Records every call as text
 * ({@code list minute/...}, {@code stat hour/...}, {@code put ...}) so tests can check call order, and can be
 * told to fail ({@link #failing}).
 */
public final class MemoryObjectStore implements ObjectStore {
    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private final Map<String, Integer> versions = new ConcurrentSkipListMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger version = new AtomicInteger();
    private volatile boolean failing;

    public void failing(boolean on) {
        failing = on;
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    public void clearCalls() {
        calls.clear();
    }

    public List<String> keys() {
        return new ArrayList<>(objects.keySet());
    }

    public byte[] bytes(String key) {
        return objects.get(key);
    }

    private void call(String text) {
        calls.add(text);
        if (failing) {
            throw new StoreException("store unavailable (test): " + text);
        }
    }

    @Override
    public void put(String key, Path file) {
        put(key, read(file));
    }

    @Override
    public void put(String key, byte[] bytes) {
        call("put " + key);
        store(key, bytes);
    }

    @Override
    public Optional<String> tryCreate(String key, Path file) {
        return tryCreate(key, read(file));
    }

    @Override
    public synchronized Optional<String> tryCreate(String key, byte[] bytes) {
        call("putIfAbsent " + key);
        if (objects.containsKey(key)) {
            return Optional.empty();
        }
        store(key, bytes);
        return Optional.of(stat0(key).orElseThrow().etag());
    }

    @Override
    public synchronized Optional<String> tryReplace(String key, byte[] bytes, String etag) {
        call("replaceIfMatch " + key);
        Optional<StoredObject> now = stat0(key);
        if (now.isEmpty() || !now.get().etag().equals(etag)) {
            return Optional.empty();
        }
        store(key, bytes);
        return Optional.of(stat0(key).orElseThrow().etag());
    }

    private void store(String key, byte[] bytes) {
        objects.put(key, bytes.clone());
        versions.put(key, version.incrementAndGet());
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        call("stat " + key);
        return stat0(key);
    }

    private Optional<StoredObject> stat0(String key) {
        byte[] b = objects.get(key);
        Integer v = versions.get(key);
        return b == null || v == null ? Optional.empty()
                : Optional.of(new StoredObject(key, b.length, Instant.EPOCH.plusSeconds(v), "etag-" + v));
    }

    @Override
    public InputStream open(String key) {
        call("open " + key);
        return new ByteArrayInputStream(existing(key));
    }

    @Override
    public byte[] readRange(String key, long offset, int length) {
        call("readRange " + key);
        byte[] b = existing(key);
        return Arrays.copyOfRange(b, (int) offset, (int) Math.min(b.length, offset + length));
    }

    @Override
    public void download(String key, Path target) {
        call("download " + key);
        try {
            Files.write(target, existing(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] existing(String key) {
        byte[] b = objects.get(key);
        if (b == null) {
            throw new MissingObjectException("memory", key);
        }
        return b;
    }

    @Override
    public List<StoredObject> list(String prefix) {
        call("list " + prefix);
        List<StoredObject> out = new ArrayList<>();
        for (String k : objects.keySet()) {
            if (k.startsWith(prefix)) {
                stat0(k).ifPresent(out::add);
            }
        }
        return out;
    }

    @Override
    public void delete(String key) {
        call("delete " + key);
        objects.remove(key);
        versions.remove(key);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        keys.forEach(this::delete);
    }

    @Override
    public String bucket() {
        return "memory";
    }

    @Override
    public void close() {
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
