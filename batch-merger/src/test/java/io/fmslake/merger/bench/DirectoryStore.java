package io.fmslake.merger.bench;

import io.fmslake.store.Deletion;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.Precondition;
import io.fmslake.store.StoreException;
import io.fmslake.store.StoredObject;
import io.fmslake.store.TimedStat;
import io.fmslake.store.UserMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A bucket on the local disk, for benchmarks that must measure the merge and not an S3 server sharing the heap.
 * Conditional writes are atomic within this process only; user metadata is not kept.
 */
final class DirectoryStore implements ObjectStore {
    private final Path root;
    private final Map<String, String> etags = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    DirectoryStore(Path root) {
        this.root = root;
    }

    private Path path(String key) {
        return root.resolve(key);
    }

    private void written(String key) {
        etags.put(key, "v" + versions.incrementAndGet());
    }

    @Override
    public void put(String key, Path file, UserMetadata metadata) {
        try {
            Files.createDirectories(path(key).getParent());
            Files.copy(file, path(key), StandardCopyOption.REPLACE_EXISTING);
            written(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, UserMetadata metadata) {
        try {
            Files.createDirectories(path(key).getParent());
            Files.write(path(key), bytes);
            written(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Optional<String> tryCreate(String key, byte[] bytes, UserMetadata metadata) {
        if (Files.exists(path(key))) {
            return Optional.empty();
        }
        put(key, bytes);
        return Optional.of(etags.get(key));
    }

    @Override
    public synchronized Optional<String> tryCreate(String key, Path file, UserMetadata metadata) {
        if (Files.exists(path(key))) {
            return Optional.empty();
        }
        put(key, file);
        return Optional.of(etags.get(key));
    }

    @Override
    public synchronized Optional<String> tryReplace(String key, byte[] bytes, String etag, UserMetadata metadata) {
        if (!Files.exists(path(key)) || !etag.equals(etags.get(key))) {
            return Optional.empty();
        }
        put(key, bytes);
        return Optional.of(etags.get(key));
    }

    @Override
    public synchronized Optional<String> tryPut(
            String key, Path file, Precondition precondition, UserMetadata metadata) {
        Optional<String> current = stat(key).map(StoredObject::etag);
        if (!current.equals(precondition.etag())) {
            return Optional.empty();
        }
        put(key, file);
        return Optional.of(etags.get(key));
    }

    @Override
    public TimedStat statWithStoreTime(String key) {
        return new TimedStat(stat(key), Instant.now());
    }

    @Override
    public synchronized Deletion deleteIfMatch(String key, String etag) {
        Optional<String> current = stat(key).map(StoredObject::etag);
        if (current.isEmpty()) {
            return Deletion.ABSENT;
        }
        if (!current.get().equals(etag)) {
            return Deletion.CHANGED;
        }
        delete(key);
        return Deletion.DELETED;
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Path p = path(key);
        try {
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(
                    key,
                    Files.size(p),
                    Files.getLastModifiedTime(p).toInstant(),
                    etags.computeIfAbsent(key, k -> "v0")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(path(key));
        } catch (IOException e) {
            throw new StoreException("open " + key, e);
        }
    }

    @Override
    public byte[] readRange(String key, long offset, int length) {
        try (RandomAccessFile f = new RandomAccessFile(path(key).toFile(), "r")) {
            int n = (int) Math.max(0, Math.min(length, f.length() - offset));
            byte[] b = new byte[n];
            f.seek(offset);
            f.readFully(b);
            return b;
        } catch (IOException e) {
            throw new StoreException("read " + key, e);
        }
    }

    @Override
    public void download(String key, Path target) {
        try {
            Files.copy(path(key), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreException("download " + key, e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        List<StoredObject> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix))
                    .sorted()
                    .forEach(k -> stat(k).ifPresent(out::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
            etags.remove(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        keys.forEach(this::delete);
    }

    @Override
    public String bucket() {
        return root.toString();
    }

    @Override
    public void close() {}
}
