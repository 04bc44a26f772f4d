package io.fmslake.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.S3Endpoint;
import io.fmslake.testkit.S3Heads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of write carries its user metadata and the store's stamp to the S3 server (S3Proxy), where a HEAD by
 * another client reads them back: plain puts, conditional creates and replaces, and multipart uploads, whose
 * metadata travels with CreateMultipartUpload.
 */
class UserMetadataIT {
    private static final UserMetadata STAMP = UserMetadata.writer("batch-merger", "1.2.3-test");
    private static final UserMetadata OWN =
            UserMetadata.none().with("fms-rows", "42").with("fms-offsets", "p0=0-9,p1=5-7");

    @TempDir
    Path tmp;

    private final S3Endpoint s3 = EmbeddedS3.shared();
    private final String bucket = S3Endpoint.uniqueBucket("metadata");
    private ObjectStore store;

    @BeforeEach
    void open() {
        store = ObjectStores.open(s3.settings(bucket), StoreRetry.defaults(), STAMP);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Map<String, String> expected(UserMetadata own) {
        return new TreeMap<>(STAMP.with(own).with(STAMP).entries());
    }

    private Map<String, String> head(String key) {
        return S3Heads.userMetadata(s3, bucket, key);
    }

    @Test
    void plainPutsOfBytesAndOfASmallFileCarryTheirMetadataAndTheStamp() throws Exception {
        store.put("_lake/status/merge-hour.json", "{}".getBytes(UTF_8), OWN);
        Path file = Files.write(tmp.resolve("f"), "small".getBytes(UTF_8));
        store.put("hour/a.parquet", file, OWN);

        assertEquals(expected(OWN), head("_lake/status/merge-hour.json"));
        assertEquals(expected(OWN), head("hour/a.parquet"));
    }

    @Test
    void aWriteWithoutMetadataOfItsOwnStillCarriesTheStamp() {
        store.put("_lake/leases/x.json", "{}".getBytes(UTF_8));
        assertTrue(store.putIfAbsent("_lake/y.json", "{}".getBytes(UTF_8)));

        assertEquals(expected(UserMetadata.none()), head("_lake/leases/x.json"));
        assertEquals(expected(UserMetadata.none()), head("_lake/y.json"));
    }

    @Test
    void conditionalCreatesAndReplacesCarryTheMetadataOfTheWriteThatWon() throws Exception {
        String created = store.tryCreate("minute/20250612_1122.parquet", "v1".getBytes(UTF_8), OWN)
                .orElseThrow();
        assertEquals(expected(OWN), head("minute/20250612_1122.parquet"));

        UserMetadata other = UserMetadata.none().with("fms-rows", "7");
        assertTrue(store.tryCreate("minute/20250612_1122.parquet", "v2".getBytes(UTF_8), other)
                .isEmpty());
        assertEquals(expected(OWN), head("minute/20250612_1122.parquet"), "a refused create changes nothing");

        assertTrue(store.tryReplace("minute/20250612_1122.parquet", "v3".getBytes(UTF_8), created, other)
                .isPresent());
        assertEquals(expected(other), head("minute/20250612_1122.parquet"), "a replace writes the new metadata");

        Path file = Files.write(tmp.resolve("f"), "small".getBytes(UTF_8));
        assertTrue(store.tryCreate("minute/20250612_1123.parquet", file, OWN).isPresent());
        assertEquals(expected(OWN), head("minute/20250612_1123.parquet"));
    }

    @Test
    void multipartUploadsPlainAndConditionalCarryTheMetadata() throws Exception {
        byte[] bytes = new byte[(int) MinioObjectStore.PART_SIZE + 1234];
        new Random(7).nextBytes(bytes);
        Path big = Files.write(tmp.resolve("big"), bytes);

        assertTrue(store.tryPut("hour/20250612_10.parquet", big, Precondition.absent(), OWN)
                .isPresent());
        store.put("day/20250612.parquet", big, OWN);

        assertEquals(expected(OWN), head("hour/20250612_10.parquet"), "conditional multipart");
        assertEquals(expected(OWN), head("day/20250612.parquet"), "plain multipart");
        assertEquals(
                bytes.length,
                store.stat("hour/20250612_10.parquet").orElseThrow().size());
    }

    @Test
    void metadataAtTheTwoKilobyteLimitIsStoredWhole() {
        UserMetadata full = UserMetadata.none().with("fms-offsets", "0".repeat(UserMetadata.MAX_BYTES));

        store.put("hour/full.parquet", "x".getBytes(UTF_8), full);

        Map<String, String> stored = head("hour/full.parquet");
        assertEquals(STAMP.entries().get(UserMetadata.SERVICE), stored.get(UserMetadata.SERVICE), "stamp kept whole");
        assertEquals(STAMP.entries().get(UserMetadata.VERSION), stored.get(UserMetadata.VERSION));
        assertEquals(
                UserMetadata.MAX_BYTES - "fms-offsets".length() - STAMP.bytes(),
                stored.get("fms-offsets").length(),
                "the long value was cut to the room the stamp leaves");
        assertTrue(stored.get("fms-offsets").endsWith("..."));
        assertEquals(expected(full), stored);
    }
}
