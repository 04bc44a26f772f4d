package io.fmslake.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.config.StoreSettings;
import io.fmslake.testkit.S3Endpoint;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every ObjectStore must do against a real S3 server. Subclasses say which server. */
abstract class ObjectStoreContract {
    @TempDir
    Path tmp;

    ObjectStore store;

    abstract S3Endpoint server();

    @BeforeEach
    void open() {
        store = server().store(S3Endpoint.uniqueBucket("contract"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void putThenReadAndStatBytes() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        byte[] bytes = "hello lake ✓ 한글 🚚".getBytes(UTF_8);
        store.put("minute/20250612_1122.parquet", bytes);

        StoredObject s = store.stat("minute/20250612_1122.parquet").orElseThrow();
        assertEquals(bytes.length, s.size());
        assertFalse(s.etag().isEmpty());
        assertFalse(s.etag().contains("\""), "ETags come without quotes");
        assertTrue(s.lastModified().isAfter(before));
        try (InputStream in = store.open("minute/20250612_1122.parquet")) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void missingKeysAreEmptyOrMissingObjectException() {
        assertEquals(Optional.empty(), store.stat("nope/none.parquet"));
        assertThrows(MissingObjectException.class, () -> store.open("nope/none.parquet"));
        assertThrows(MissingObjectException.class, () -> store.readRange("nope/none.parquet", 0, 4));
        assertThrows(MissingObjectException.class, () -> store.download("nope/none.parquet", tmp.resolve("x")));
        store.delete("nope/none.parquet"); // not an error
    }

    @Test
    void listIsRecursiveSortedPrefixedAndSkipsFolderMarkers() {
        for (String k : List.of(
                "minute/20250612_1123.parquet",
                "hour/20250612_00_01.parquet",
                "minute/20250612_1122-p0o42.parquet",
                "minute/20250612_1122.parquet",
                "minute/sub/deep.parquet",
                "minutes.txt")) {
            store.put(k, k.getBytes(UTF_8));
        }
        store.put("minute/empty/", new byte[0]); // a zero-byte folder marker

        List<String> keys =
                store.list("minute/").stream().map(StoredObject::key).toList();
        assertEquals(
                List.of(
                        "minute/20250612_1122-p0o42.parquet",
                        "minute/20250612_1122.parquet",
                        "minute/20250612_1123.parquet",
                        "minute/sub/deep.parquet"),
                keys);
        assertEquals(
                List.of("minute/20250612_1122-p0o42.parquet", "minute/20250612_1122.parquet"),
                store.list("minute/20250612_1122").stream()
                        .map(StoredObject::key)
                        .toList());
        assertEquals(7 - 1, store.list("").size());
        StoredObject listed = store.list("hour/").get(0);
        assertEquals(store.stat("hour/20250612_00_01.parquet").orElseThrow().etag(), listed.etag());
        assertEquals("hour/20250612_00_01.parquet".length(), listed.size());
        assertEquals(List.of(), store.list("week/"));
    }

    @Test
    void rangedReads() {
        byte[] bytes = new byte[1000];
        new Random(7).nextBytes(bytes);
        store.put("r.bin", bytes);
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 992, 1000), store.readRange("r.bin", 992, 8));
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 0, 4), store.readRange("r.bin", 0, 4));
        assertArrayEquals(
                java.util.Arrays.copyOfRange(bytes, 990, 1000),
                store.readRange("r.bin", 990, 100),
                "a range past the end gives what exists");
        assertEquals(0, store.readRange("r.bin", 5, 0).length);
    }

    @Test
    void multipartUploadOfABigFileRoundTrips() throws Exception {
        int size = 21 * 1024 * 1024 + 12345; // two 16 MiB parts
        byte[] bytes = new byte[size];
        new Random(11).nextBytes(bytes);
        Path file = tmp.resolve("big.parquet");
        Files.write(file, bytes);

        store.put("day/20250612.parquet", file);
        assertEquals(size, store.stat("day/20250612.parquet").orElseThrow().size());
        assertArrayEquals(
                java.util.Arrays.copyOfRange(bytes, 17 << 20, (17 << 20) + 64),
                store.readRange("day/20250612.parquet", 17 << 20, 64));
        Path back = tmp.resolve("sub/back.parquet");
        Files.writeString(tmp.resolve("sub-placeholder"), "x");
        store.download("day/20250612.parquet", back);
        assertArrayEquals(bytes, Files.readAllBytes(back));
        store.download("day/20250612.parquet", back); // replaces an existing file
        assertEquals(size, Files.size(back));
    }

    @Test
    void deleteAndDeleteAllInSeveralBatches() throws Exception {
        List<String> keys = IntStream.range(0, 1003)
                .mapToObj(i -> String.format("minute/k%05d", i))
                .toList();
        together(
                keys.stream()
                        .map(k -> (Callable<Boolean>) () -> {
                            store.put(k, new byte[] {1});
                            return true;
                        })
                        .toList(),
                4);
        store.put("keep/me", new byte[] {2});
        assertEquals(1003, store.list("minute/").size());

        store.delete("minute/k00000");
        assertEquals(Optional.empty(), store.stat("minute/k00000"));
        List<String> withMissing = new ArrayList<>(keys);
        withMissing.add("minute/never-existed");
        store.deleteAll(withMissing);
        assertEquals(List.of(), store.list("minute/"));
        assertTrue(store.stat("keep/me").isPresent());
        store.deleteAll(List.of()); // nothing to do
    }

    @Test
    void putIfAbsentCreatesOnceAndNeverOverwrites() throws Exception {
        assertTrue(store.putIfAbsent("minute/20250612_1122.parquet", "first".getBytes(UTF_8)));
        assertFalse(store.putIfAbsent("minute/20250612_1122.parquet", "second".getBytes(UTF_8)));
        assertArrayEquals("first".getBytes(UTF_8), store.readRange("minute/20250612_1122.parquet", 0, 100));

        Path file = tmp.resolve("f.parquet");
        Files.writeString(file, "from a file");
        assertTrue(store.putIfAbsent("minute/20250612_1123.parquet", file));
        assertFalse(store.putIfAbsent("minute/20250612_1123.parquet", file));
        assertFalse(store.putIfAbsent("minute/20250612_1122.parquet", file));
        assertArrayEquals("first".getBytes(UTF_8), store.readRange("minute/20250612_1122.parquet", 0, 100));

        Optional<String> etag = store.tryCreate("_lease/merge.json", "{\"owner\":\"a\"}".getBytes(UTF_8));
        assertEquals(
                store.stat("_lease/merge.json").orElseThrow().etag(),
                etag.orElseThrow(),
                "the ETag of a conditional write is the one stat reports");
    }

    @Test
    void replaceIfMatchIsACompareAndSwap() {
        String key = "_lease/merge.json";
        String v1 = store.tryCreate(key, "v1".getBytes(UTF_8)).orElseThrow();
        Optional<String> v2 = store.tryReplace(key, "v2".getBytes(UTF_8), v1);
        assertTrue(v2.isPresent());
        assertEquals(store.stat(key).orElseThrow().etag(), v2.get());

        assertFalse(store.replaceIfMatch(key, "v3".getBytes(UTF_8), v1), "stale ETag");
        assertArrayEquals("v2".getBytes(UTF_8), store.readRange(key, 0, 10));
        assertTrue(store.replaceIfMatch(key, "v3".getBytes(UTF_8), "\"" + v2.get() + "\""), "quoted ETag is fine");
        assertArrayEquals("v3".getBytes(UTF_8), store.readRange(key, 0, 10));
        assertFalse(store.replaceIfMatch("_lease/none.json", "x".getBytes(UTF_8), v1), "missing object");
        assertEquals(Optional.empty(), store.stat("_lease/none.json"));
    }

    @Test
    void deleteIfMatchRemovesOnlyTheObjectThatWasRead() {
        String key = "minute/20250612_1122.parquet";
        String read = store.tryCreate(key, "first".getBytes(UTF_8)).orElseThrow();
        store.delete(key);
        String rewritten = store.tryCreate(key, "second".getBytes(UTF_8)).orElseThrow();

        assertEquals(Deletion.CHANGED, store.deleteIfMatch(key, read), "re-created since it was read");
        assertArrayEquals("second".getBytes(UTF_8), store.readRange(key, 0, 100));
        assertEquals(Deletion.DELETED, store.deleteIfMatch(key, "\"" + rewritten + "\""), "quoted ETag is fine");
        assertEquals(Optional.empty(), store.stat(key));
        assertEquals(Deletion.ABSENT, store.deleteIfMatch(key, rewritten));
    }

    @Test
    void deleteAllIfMatchTakesTheETagsOfAListingAlsoOfMultipartObjects() throws Exception {
        Path big = tmp.resolve("big.parquet");
        Files.write(big, new byte[17 << 20]); // two parts
        store.put("hour/20250612_10_11.parquet", big);
        store.put("minute/20250612_1122.parquet", "a".getBytes(UTF_8));
        store.put("minute/20250612_1123.parquet", "b".getBytes(UTF_8));
        List<StoredObject> listed = new ArrayList<>(store.list("hour/"));
        listed.addAll(store.list("minute/"));
        store.put("minute/20250612_1123.parquet", "b again".getBytes(UTF_8));

        Map<String, Deletion> outcomes = store.deleteAllIfMatch(listed);
        assertEquals(
                Map.of(
                        "hour/20250612_10_11.parquet",
                        Deletion.DELETED,
                        "minute/20250612_1122.parquet",
                        Deletion.DELETED,
                        "minute/20250612_1123.parquet",
                        Deletion.CHANGED),
                outcomes);
        assertEquals(
                List.of("minute/20250612_1123.parquet"),
                store.list("").stream().map(StoredObject::key).toList());
    }

    @Test
    void tryPutStatesItsConditionAlsoOnAMultipartUpload() throws Exception {
        Path small = tmp.resolve("small.parquet");
        Files.writeString(small, "small target");
        Path big = tmp.resolve("big.parquet");
        byte[] bigBytes = new byte[(16 << 20) + 4096]; // two parts
        new Random(3).nextBytes(bigBytes);
        Files.write(big, bigBytes);
        Path other = tmp.resolve("other.parquet");
        Files.writeString(other, "someone else's target");

        for (Path file : List.of(small, big)) {
            String key = "day/" + file.getFileName();
            assertTrue(store.tryPut(key, file, Precondition.absent()).isPresent(), "created " + key);
            String current = store.stat(key).orElseThrow().etag();
            assertEquals(Optional.empty(), store.tryPut(key, other, Precondition.absent()), "exists: " + key);
            assertEquals(
                    Optional.empty(),
                    store.tryPut(key, other, Precondition.matching("0123456789abcdef")),
                    "stale ETag: " + key);
            assertEquals(current, store.stat(key).orElseThrow().etag(), "refused writes change nothing: " + key);
            assertTrue(store.tryPut(key, file, Precondition.matching(current)).isPresent(), "swapped " + key);
            assertEquals(Files.size(file), store.stat(key).orElseThrow().size());
        }
        assertArrayEquals(
                java.util.Arrays.copyOfRange(bigBytes, (16 << 20) - 8, (16 << 20) + 8),
                store.readRange("day/big.parquet", (16 << 20) - 8, 16));
        assertEquals(
                Optional.empty(),
                store.tryPut("day/none.parquet", big, Precondition.matching("x")),
                "If-Match on a missing object");
        assertEquals(Optional.empty(), store.stat("day/none.parquet"));
    }

    @Test
    void concurrentMultipartCreatorsHaveExactlyOneWinner() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            Path f = tmp.resolve("writer-" + w + ".parquet");
            byte[] bytes = new byte[(16 << 20) + 1]; // two parts
            bytes[bytes.length - 1] = (byte) w;
            Files.write(f, bytes);
            files.add(f);
        }
        String key = "week/20250601_20250607.parquet";
        List<Callable<Boolean>> creators = files.stream()
                .map(f -> (Callable<Boolean>)
                        () -> store.tryPut(key, f, Precondition.absent()).isPresent())
                .toList();
        assertEquals(
                1, together(creators, creators.size()).stream().filter(b -> b).count(), "creators");
        // not asserted for If-Match swaps: S3Proxy checks If-Match on a completion in its handler and strips it before
        // the backend (check, then act; 3 of 3 concurrent swaps from one ETag won), see AtomicWritesBlobStore
    }

    @Test
    void statWithStoreTimeTellsTheStoresClock() {
        Instant before = Instant.now().minusSeconds(2);
        TimedStat missing = store.statWithStoreTime("_lease/none.json");
        assertEquals(Optional.empty(), missing.object());
        store.put("_lease/merge.json", "{}".getBytes(UTF_8));
        TimedStat present = store.statWithStoreTime("_lease/merge.json");
        Instant after = Instant.now().plusSeconds(2);
        StoredObject o = present.object().orElseThrow();
        // the server runs on this machine: its clock agrees with ours to within its one-second resolution
        for (Instant t : List.of(missing.storeTime(), present.storeTime(), o.lastModified())) {
            assertTrue(t.isAfter(before) && t.isBefore(after), t + " not in [" + before + ", " + after + "]");
        }
        assertFalse(o.lastModified().isAfter(present.storeTime().plusSeconds(1)));
    }

    @Test
    void concurrentCreatorsHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 10; round++) {
            String key = "race/create-" + round;
            List<Callable<Boolean>> writers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                byte[] content = ("writer " + w + " " + "x".repeat(50_000)).getBytes(UTF_8);
                writers.add(() -> store.putIfAbsent(key, content));
            }
            assertEquals(
                    1, together(writers, writers.size()).stream().filter(b -> b).count(), "winners of " + key);
        }
    }

    @Test
    void concurrentSwapsFromTheSameETagHaveExactlyOneWinner() throws Exception {
        String key = "race/lease.json";
        store.put(key, "start".getBytes(UTF_8));
        for (int round = 0; round < 10; round++) {
            String seen = store.stat(key).orElseThrow().etag();
            List<Callable<Boolean>> writers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                byte[] content = ("round " + round + " writer " + w).getBytes(UTF_8);
                writers.add(() -> store.replaceIfMatch(key, content, seen));
            }
            assertEquals(
                    1, together(writers, writers.size()).stream().filter(b -> b).count(), "winners of round " + round);
        }
    }

    @Test
    void missingBucketIsCreatedOrRefused() {
        String bucket = S3Endpoint.uniqueBucket("auto");
        StoreSettings refuse = withCreate(server().settings(bucket), false);
        StoreException e = assertThrows(StoreException.class, () -> ObjectStores.open(refuse, StoreRetry.none()));
        assertTrue(e.getMessage().contains(bucket), e.getMessage());

        try (ObjectStore created = ObjectStores.open(server().settings(bucket))) {
            created.put("a", new byte[] {1});
            assertEquals(bucket, created.bucket());
        }
        try (ObjectStore again = ObjectStores.open(refuse, StoreRetry.none())) { // exists now: fine without create
            assertEquals(1, again.stat("a").orElseThrow().size());
        }
    }

    @Test
    void wrongCredentialsFailWithoutRetriesAndWithoutTheSecret() {
        StoreSettings s = server().settings(S3Endpoint.uniqueBucket("denied"));
        StoreSettings wrong = new StoreSettings(
                s.endpoint(),
                s.accessKey(),
                new io.fmslake.config.Secret("not-the-secret-42"),
                s.bucket(),
                false,
                true);
        long t0 = System.nanoTime();
        StoreException e = assertThrows(StoreException.class, () -> ObjectStores.open(wrong));
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 5, "403 is not retried");
        assertFalse(String.valueOf(e.getMessage()).contains("not-the-secret-42"));
    }

    /** Runs the tasks on {@code threads} threads, released together, and returns their results in order. */
    static <T> List<T> together(List<Callable<T>> tasks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static StoreSettings withCreate(StoreSettings s, boolean create) {
        return new StoreSettings(s.endpoint(), s.accessKey(), s.secretKey(), s.bucket(), s.secure(), create);
    }
}
