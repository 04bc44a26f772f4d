package io.fmslake.testkit;

import io.fmslake.store.Deletion;
import io.fmslake.store.MissingObjectException;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.Precondition;
import io.fmslake.store.StoreException;
import io.fmslake.store.StoredObject;
import io.fmslake.store.TimedStat;
import io.fmslake.store.UserMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * An in-memory {@link ObjectStore} with the same conditional-write semantics as the real one, for unit tests of
 * one class. It counts requests, records every call as text ({@code list minute/...}, {@code stat hour/...},
 * {@code putIfAbsent ...}) so tests can check call order, and can be told to fail operations on chosen keys.
 * Its clock is the store's time ({@link #statWithStoreTime}, last-modified times), with millisecond resolution.
 * It keeps each object's user metadata ({@link #metadata}). Claims about how S3 behaves are proved against the
 * embedded server, not here.
 */
public final class MemoryObjectStore implements ObjectStore {
    private record Blob(byte[] bytes, Instant modified, String etag, UserMetadata metadata) {}

    private final ConcurrentSkipListMap<String, Blob> blobs = new ConcurrentSkipListMap<>();
    private final AtomicLong etags = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile Predicate<String> failing = key -> false;

    public MemoryObjectStore() {
        this(Clock.systemUTC());
    }

    public MemoryObjectStore(Clock clock) {
        this.clock = clock;
    }

    /** Makes every operation on a key matching the predicate throw a {@link StoreException} (as after retries). */
    public void failWhen(Predicate<String> keys) {
        this.failing = keys;
    }

    public void heal() {
        this.failing = key -> false;
    }

    /** Makes every operation fail ({@code true}) or succeed again ({@code false}), like a store that is down. */
    public void failing(boolean on) {
        this.failing = key -> on;
    }

    /** Every call so far as "operation key", in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public void clearCalls() {
        calls.clear();
    }

    /** Requests served so far. */
    public int requests() {
        return requests.get();
    }

    /** The stored keys, sorted. */
    public List<String> keys() {
        return new ArrayList<>(blobs.keySet());
    }

    public byte[] bytes(String key) {
        return blob(key).bytes.clone();
    }

    /** The user metadata the object was written with. Throws {@link MissingObjectException}. */
    public UserMetadata metadata(String key) {
        return blob(key).metadata;
    }

    @Override
    public void put(String key, Path file, UserMetadata metadata) {
        put(key, read(file), metadata);
    }

    @Override
    public void put(String key, byte[] bytes, UserMetadata metadata) {
        touch("put", key);
        blobs.put(key, blob(bytes, metadata));
    }

    @Override
    public synchronized Optional<String> tryCreate(String key, byte[] bytes, UserMetadata metadata) {
        touch("putIfAbsent", key);
        Blob b = blob(bytes, metadata);
        return blobs.putIfAbsent(key, b) == null ? Optional.of(b.etag) : Optional.empty();
    }

    @Override
    public Optional<String> tryCreate(String key, Path file, UserMetadata metadata) {
        return tryCreate(key, read(file), metadata);
    }

    @Override
    public synchronized Optional<String> tryReplace(String key, byte[] bytes, String etag, UserMetadata metadata) {
        touch("replaceIfMatch", key);
        Blob current = blobs.get(key);
        if (current == null || !current.etag.equals(etag)) {
            return Optional.empty();
        }
        Blob b = blob(bytes, metadata);
        blobs.put(key, b);
        return Optional.of(b.etag);
    }

    @Override
    public synchronized Optional<String> tryPut(
            String key, Path file, Precondition precondition, UserMetadata metadata) {
        touch("put " + precondition, key);
        Blob current = blobs.get(key);
        boolean holds = precondition.etag().isEmpty()
                ? current == null
                : current != null && current.etag.equals(precondition.etag().get());
        if (!holds) {
            return Optional.empty();
        }
        Blob b = blob(read(file), metadata);
        blobs.put(key, b);
        return Optional.of(b.etag);
    }

    @Override
    public TimedStat statWithStoreTime(String key) {
        Instant now = clock.instant();
        return new TimedStat(stat(key), now);
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        touch("stat", key);
        Blob b = blobs.get(key);
        return b == null ? Optional.empty() : Optional.of(new StoredObject(key, b.bytes.length, b.modified, b.etag));
    }

    @Override
    public InputStream open(String key) {
        touch("open", key);
        return new ByteArrayInputStream(blob(key).bytes);
    }

    @Override
    public byte[] readRange(String key, long offset, int length) {
        touch("readRange", key);
        byte[] b = blob(key).bytes;
        int from = (int) Math.min(offset, b.length);
        return Arrays.copyOfRange(b, from, (int) Math.min(b.length, offset + length));
    }

    @Override
    public void download(String key, Path target) {
        touch("download", key);
        try {
            Files.write(target, blob(key).bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        touch("list", prefix);
        List<StoredObject> out = new ArrayList<>();
        for (Map.Entry<String, Blob> e : blobs.tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            Blob b = e.getValue();
            out.add(new StoredObject(e.getKey(), b.bytes.length, b.modified, b.etag));
        }
        return out;
    }

    @Override
    public void delete(String key) {
        touch("delete", key);
        blobs.remove(key);
    }

    @Override
    public synchronized Deletion deleteIfMatch(String key, String etag) {
        touch("deleteIfMatch", key);
        Blob current = blobs.get(key);
        if (current == null) {
            return Deletion.ABSENT;
        }
        if (!current.etag.equals(etag)) {
            return Deletion.CHANGED;
        }
        blobs.remove(key);
        return Deletion.DELETED;
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
        // nothing to release
    }

    private void touch(String operation, String key) {
        requests.incrementAndGet();
        calls.add(operation + " " + key);
        if (failing.test(key)) {
            throw new StoreException("injected failure for " + key);
        }
    }

    private Blob blob(byte[] bytes, UserMetadata metadata) {
        return new Blob(bytes.clone(), clock.instant(), "etag-" + etags.incrementAndGet(), metadata);
    }

    private Blob blob(String key) {
        Blob b = blobs.get(key);
        if (b == null) {
            throw new MissingObjectException(bucket(), key);
        }
        return b;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
