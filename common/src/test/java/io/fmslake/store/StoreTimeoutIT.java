package io.fmslake.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.config.StoreSettings;
import io.fmslake.testkit.BlackholeProxy;
import io.fmslake.testkit.BlackholeProxy.Mode;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.S3Endpoint;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A store that accepts connections and never answers (the test kit's black-hole proxy in front of S3): every call
 * fails after the configured timeouts instead of waiting minutes, and works again once the path heals.
 */
class StoreTimeoutIT {
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @Test
    void aSilentStoreFailsCallsWithinTheRequestTimeoutAndWorksAgainAfterwards() {
        try (BlackholeProxy proxy = BlackholeProxy.to(EmbeddedS3.shared().endpoint(), Mode.FORWARD)) {
            StoreSettings settings = settings(proxy, S3Endpoint.uniqueBucket("silent"))
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
            try (ObjectStore store = ObjectStores.open(settings, StoreRetry.none())) {
                store.put("a", "1".getBytes(UTF_8));
                proxy.mode(Mode.BLACKHOLE);
                StoreException stat = assertTimeoutPreemptively(
                        GENEROUS, () -> assertThrows(StoreException.class, () -> store.stat("a")));
                // OkHttp says "Read timed out" (socket) or "timeout" (its own watchdog), depending on which fires first
                assertTrue(
                        stat.getMessage().toLowerCase(java.util.Locale.ROOT).matches("(?s).*time(d )?out.*"),
                        stat.getMessage());
                assertTimeoutPreemptively(
                        GENEROUS,
                        () -> assertThrows(StoreException.class, () -> store.tryCreate("b", new byte[1 << 20])));

                proxy.mode(Mode.FORWARD);
                assertEquals(1, store.stat("a").orElseThrow().size());
                assertEquals(Optional.empty(), store.stat("b"), "the black-holed create wrote nothing");
            }
        }
    }

    @Test
    void theCallTimeoutBoundsAWholeCall() {
        try (BlackholeProxy proxy = BlackholeProxy.to(EmbeddedS3.shared().endpoint(), Mode.FORWARD)) {
            StoreSettings settings = settings(proxy, S3Endpoint.uniqueBucket("call"))
                    .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30))
                    .withCallTimeout(Duration.ofSeconds(2));
            try (ObjectStore store = ObjectStores.open(settings, StoreRetry.none())) {
                proxy.mode(Mode.BLACKHOLE);
                StoreException e = assertTimeoutPreemptively(
                        Duration.ofSeconds(20), () -> assertThrows(StoreException.class, () -> store.list("minute/")));
                assertTrue(e.getMessage().startsWith("list minute/ failed"), e.getMessage());
            }
        }
    }

    @Test
    void aRefusingStoreFailsAtOnce() {
        try (BlackholeProxy proxy = BlackholeProxy.to(EmbeddedS3.shared().endpoint(), Mode.REFUSE)) {
            StoreException e = assertTimeoutPreemptively(
                    GENEROUS,
                    () -> assertThrows(
                            StoreException.class,
                            () -> ObjectStores.open(
                                    settings(proxy, S3Endpoint.uniqueBucket("refuse")), StoreRetry.none())));
            assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
        }
    }

    private static StoreSettings settings(BlackholeProxy proxy, String bucket) {
        S3Endpoint s3 = EmbeddedS3.shared();
        StoreSettings direct = s3.settings(bucket);
        return new StoreSettings(proxy.endpoint(), direct.accessKey(), direct.secretKey(), bucket, false, true);
    }
}
