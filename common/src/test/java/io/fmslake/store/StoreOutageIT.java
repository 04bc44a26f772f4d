package io.fmslake.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.S3Endpoint;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retries ride out a server outage; without retries the failure surfaces at once. Uses a private server. */
class StoreOutageIT {
    private static EmbeddedS3 s3;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.startNew();
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void writesDuringAnOutageSucceedOnceTheServerIsBack() throws Exception {
        StoreRetry patient = new StoreRetry(20, Duration.ofMillis(100), Duration.ofMillis(500));
        try (ObjectStore store = s3.store(S3Endpoint.uniqueBucket("outage"), patient)) {
            store.put("before", "1".getBytes(UTF_8));
            s3.stop();
            assertFalse(s3.running());

            CompletableFuture<Boolean> create = CompletableFuture.supplyAsync(
                    () -> store.putIfAbsent("minute/20250612_1122.parquet", "rows".getBytes(UTF_8)));
            CompletableFuture<Void> put = CompletableFuture.runAsync(() -> store.put("during", "2".getBytes(UTF_8)));
            Thread.sleep(1500);
            assertFalse(create.isDone(), "still retrying while the server is down");
            s3.restart();

            assertTrue(create.get(30, TimeUnit.SECONDS));
            put.get(30, TimeUnit.SECONDS);
            assertArrayEquals("rows".getBytes(UTF_8), store.readRange("minute/20250612_1122.parquet", 0, 10));
            assertArrayEquals("1".getBytes(UTF_8), store.readRange("before", 0, 10), "data survives the restart");
            assertEquals(1, store.stat("during").orElseThrow().size());
        }
    }

    @Test
    void withoutRetriesAnOutageFailsFast() {
        try (ObjectStore store = s3.store(S3Endpoint.uniqueBucket("fast"), StoreRetry.none())) {
            s3.stop();
            try {
                long t0 = System.nanoTime();
                StoreException e = assertThrows(StoreException.class, () -> store.stat("anything"));
                assertTrue(e.getMessage().startsWith("stat anything failed: ConnectException"), e.getMessage());
                assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 5);
            } finally {
                s3.restart();
            }
            assertEquals(java.util.Optional.empty(), store.stat("anything"));
        }
    }
}
