package io.fmslake.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.store.ObjectStore;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.S3Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Mergers on machines whose clocks disagree by ten minutes and more, against a real S3 server (S3Proxy): expiry is
 * judged by the store's clock, so a contender whose clock runs ahead does not take a live lease, a contender whose
 * clock runs behind takes an expired one over after the TTL, and the former holder, silent past its TTL, finds its
 * lease lost before its next write.
 */
class LeaseClockSkewIT {
    private static final String KEY = "_lease/day/20250612.json";
    private static final Duration TTL = Duration.ofSeconds(6);
    private static final Duration POLL = Duration.ofMillis(200);

    @Test
    void skewedClocksNeitherTakeALiveLeaseNorKeepAnExpiredOne() {
        try (ObjectStore store = EmbeddedS3.shared().store(S3Endpoint.uniqueBucket("lease-skew"))) {
            // a writes an expiry ten minutes into the future of the real time
            MergeLease a = acquire(store, skewed(Duration.ofMinutes(10)), Duration.ZERO, "a");
            // by b's clock (20 minutes ahead) a's expiry is long past, but a renewed a moment ago by the store's clock
            LeaseUnavailableException refused = assertThrows(
                    LeaseUnavailableException.class,
                    () -> acquire(store, skewed(Duration.ofMinutes(20)), Duration.ofSeconds(2), "b"));
            assertTrue(refused.getMessage().contains("held by a"), refused.getMessage());
            assertEquals("a", owner(store));

            // a falls silent (no heartbeat); c's clock runs ten minutes behind, so by the expiry a wrote it would wait
            // twenty minutes: by the store's clock it takes the lease over once the TTL has passed
            MergeLease c = acquire(store, skewed(Duration.ofMinutes(-10)), Duration.ofMinutes(1), "c");
            assertEquals("c", owner(store));
            assertTrue(a.validFor().isNegative(), "a's own ticker has ended its validity, whatever its clock says");
            LeaseLostException lost = assertThrows(LeaseLostException.class, a::ensureHeld);
            assertTrue(lost.getMessage().contains("lease lost"), lost.getMessage());
            a.close();
            assertEquals("c", owner(store), "a's release leaves c's lease alone");
            c.ensureHeld();
            c.close();
        }
    }

    private static MergeLease acquire(ObjectStore store, Clock clock, Duration wait, String owner) {
        return MergeLease.acquire(
                store,
                new LeaseTerms(KEY, TTL, wait, POLL),
                owner,
                clock,
                Ticker.SYSTEM,
                d -> Thread.sleep(d.toMillis()));
    }

    private static Clock skewed(Duration offset) {
        return Clock.offset(Clock.systemUTC(), offset);
    }

    private static String owner(ObjectStore store) {
        try (InputStream in = store.open(KEY)) {
            return LeaseRecord.fromJson(in.readAllBytes()).owner();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
