package io.fmslake.store;

import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ObjectStore} on the MinIO Java SDK. Built by {@link ObjectStores}; thread-safe. */
final class MinioObjectStore implements ObjectStore {
    private static final Logger LOG = LoggerFactory.getLogger(MinioObjectStore.class);
    /** Part size of multipart uploads. */
    static final long PART_SIZE = 16L << 20;
    /** S3 limits for one part (and so for one single-request PUT). */
    static final long MIN_PART = 5L << 20;

    static final long MAX_SINGLE_PUT = 5L << 30;

    private final MinioClient client;
    private final MultipartClient multipart;
    private final String bucket;
    private final Calls calls;
    private final ConditionalWrites conditional;
    private final Stats stats;
    private final Deletes deletes;
    private final UserMetadata stamp;

    /**
     * @param client    the client of every plain call
     * @param multipart a second client on the same endpoint and credentials, for multipart uploads whose completion
     *                  carries a condition ({@link MultipartClient})
     * @param stamp     user metadata every object written carries (the writer: service and version), added to
     *                  the metadata of each write
     */
    MinioObjectStore(
            MinioClient client, MinioAsyncClient multipart, String bucket, StoreRetry retry, UserMetadata stamp) {
        this.client = client;
        this.multipart = new MultipartClient(multipart);
        this.bucket = bucket;
        this.calls = new Calls(retry);
        this.conditional = new ConditionalWrites(client, this.multipart, bucket, calls, this);
        this.stats = new Stats(client, bucket, calls);
        this.deletes = new Deletes(client, bucket, calls);
        this.stamp = stamp;
    }

    /** Creates the bucket if it is missing and {@code create} allows; fails if it is missing otherwise. */
    void ensureBucket(boolean create) {
        calls.run("check bucket " + bucket, ctx -> {
            if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                return null;
            }
            if (!create) {
                throw new StoreException("bucket " + bucket + " does not exist and MINIO_CREATE_BUCKET=false");
            }
            try {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                LOG.info("created bucket {}", bucket);
            } catch (ErrorResponseException e) {
                String code = Transience.code(e);
                if (!code.equals("BucketAlreadyOwnedByYou") && !code.equals("BucketAlreadyExists")) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public void put(String key, Path file, UserMetadata metadata) {
        upload(key, Payload.of(file), metadata);
    }

    @Override
    public void put(String key, byte[] bytes, UserMetadata metadata) {
        upload(key, Payload.of(bytes), metadata);
    }

    private void upload(String key, Payload payload, UserMetadata metadata) {
        UserMetadata all = stamped(metadata);
        calls.run("put " + key, ctx -> {
            payload.upload(client, bucket, key, Map.of(), all, PART_SIZE);
            return null;
        });
    }

    @Override
    public Optional<String> tryCreate(String key, byte[] bytes, UserMetadata metadata) {
        return conditional.create(key, Payload.of(bytes), stamped(metadata));
    }

    @Override
    public Optional<String> tryCreate(String key, Path file, UserMetadata metadata) {
        return conditional.create(key, Payload.of(file), stamped(metadata));
    }

    @Override
    public Optional<String> tryReplace(String key, byte[] bytes, String etag, UserMetadata metadata) {
        return conditional.replace(key, Payload.of(bytes), etag, stamped(metadata));
    }

    @Override
    public Optional<String> tryPut(String key, Path file, Precondition precondition, UserMetadata metadata) {
        return conditional.put(key, Payload.of(file), precondition, stamped(metadata));
    }

    /**
     * The stamp, then the write's own entries (cut to the room the stamp leaves), then the stamp again: a write can
     * neither replace nor crowd out the stamp.
     */
    private UserMetadata stamped(UserMetadata metadata) {
        return stamp.with(metadata).with(stamp);
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        return stats.stat(key);
    }

    @Override
    public TimedStat statWithStoreTime(String key) {
        return stats.timed(key);
    }

    @Override
    public InputStream open(String key) {
        return calls.get("open " + key, ctx -> {
            try {
                return client.getObject(
                        GetObjectArgs.builder().bucket(bucket).object(key).build());
            } catch (ErrorResponseException e) {
                throw Transience.isMissing(e) ? new MissingObjectException(bucket, key) : e;
            }
        });
    }

    @Override
    public byte[] readRange(String key, long offset, int length) {
        if (length == 0) {
            return new byte[0];
        }
        return calls.get("read " + key + " [" + offset + "+" + length + ")", ctx -> {
            GetObjectArgs args = GetObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .offset(offset)
                    .length((long) length)
                    .build();
            try (InputStream in = client.getObject(args)) {
                return in.readAllBytes();
            } catch (ErrorResponseException e) {
                throw Transience.isMissing(e) ? new MissingObjectException(bucket, key) : e;
            }
        });
    }

    @Override
    public void download(String key, Path target) {
        calls.run("download " + key, ctx -> {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                client.downloadObject(DownloadObjectArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .filename(target.toString())
                        .overwrite(true)
                        .build());
            } catch (ErrorResponseException e) {
                throw Transience.isMissing(e) ? new MissingObjectException(bucket, key) : e;
            }
            return null;
        });
    }

    @Override
    public List<StoredObject> list(String prefix) {
        return calls.get("list " + prefix, ctx -> {
            List<StoredObject> found = new ArrayList<>();
            ListObjectsArgs args = ListObjectsArgs.builder()
                    .bucket(bucket)
                    .prefix(prefix)
                    .recursive(true)
                    .build();
            for (Result<Item> result : client.listObjects(args)) {
                Item item = result.get();
                boolean folderMarker = item.objectName().endsWith("/") && item.size() == 0;
                if (item.isDir() || folderMarker) {
                    continue;
                }
                found.add(new StoredObject(
                        item.objectName(), item.size(), item.lastModified().toInstant(), etag(item.etag())));
            }
            found.sort(Comparator.comparing(StoredObject::key));
            return List.copyOf(found);
        });
    }

    @Override
    public void delete(String key) {
        deletes.delete(key);
    }

    @Override
    public Deletion deleteIfMatch(String key, String etag) {
        return deletes.deleteIfMatch(key, etag);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        deletes.deleteAll(keys);
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public void close() {
        try (MinioClient c = client;
                MultipartClient m = multipart) {
            LOG.debug("closing the MinIO clients of bucket {}", bucket);
        } catch (Exception e) {
            LOG.debug("closing the MinIO clients", e);
        }
    }

    /** ETags without the surrounding quotes, so values from listings, stats and uploads compare equal. */
    static String etag(String raw) {
        if (raw == null) {
            return "";
        }
        String t = raw.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
