package io.fmslake.collector.flush;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTest {
    static final Instant T0 = Instant.parse("2025-06-12T11:22:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final Ownership ownership = new Ownership(clock, Duration.ofSeconds(10), Duration.ofSeconds(3));

    @Test
    void noUploadBeforeTheFirstConfirmedContact() {
        ownership.assigned(List.of(0));
        assertFalse(ownership.leaseValid());
        assertThrows(Ownership.NotOwnerException.class, () -> ownership.checkUpload(ownership.claim(List.of(0)), "x"));
    }

    @Test
    void anUploadMayStartOnlyWhileItWouldEndBeforeTheLeaseMinusASecond() {
        ownership.assigned(List.of(0));
        ownership.confirmed(T0.toEpochMilli());
        Ownership.Claim claim = ownership.claim(List.of(0));
        clock.set(T0.plusMillis(5_999)); // 5.999 + 3 + 1 < 10
        assertDoesNotThrow(() -> ownership.checkUpload(claim, "x"));
        clock.set(T0.plusMillis(6_000));
        Ownership.NotOwnerException e =
                assertThrows(Ownership.NotOwnerException.class, () -> ownership.checkUpload(claim, "minute/x"));
        assertTrue(e.getMessage().contains("not confirmed for 6000 ms"), e.getMessage());
        assertEquals(T0.plusSeconds(10).toEpochMilli(), ownership.leaseUntilMillis());

        ownership.confirmed(T0.plusSeconds(5).toEpochMilli());
        assertDoesNotThrow(() -> ownership.checkUpload(claim, "x"));
        ownership.confirmed(T0.toEpochMilli()); // an older confirmation arriving late never shortens the lease
        assertEquals(T0.plusSeconds(15).toEpochMilli(), ownership.leaseUntilMillis());
    }

    @Test
    void aClaimHoldsOnlyWhileThePartitionKeepsTheEpochItWasMadeIn() {
        ownership.assigned(List.of(0, 1));
        ownership.confirmed(T0.toEpochMilli());
        Ownership.Claim claim = ownership.claim(List.of(0, 1, 2));
        assertEquals(Map.of(0, claim.epochs().get(0), 1, claim.epochs().get(1)), claim.epochs(), "2 is not owned");
        assertTrue(ownership.holds(claim, 0));
        assertFalse(ownership.holds(claim, 2));

        ownership.removed(List.of(1));
        ownership.assigned(List.of(1));
        assertTrue(ownership.owns(1));
        assertFalse(ownership.holds(claim, 1), "lost and assigned again is a new epoch");
        Ownership.NotOwnerException e =
                assertThrows(Ownership.NotOwnerException.class, () -> ownership.checkUpload(claim, "minute/x"));
        assertTrue(e.getMessage().startsWith("partition 1 was lost or reassigned"), e.getMessage());
        assertDoesNotThrow(() -> ownership.checkUpload(ownership.claim(List.of(0, 1)), "x"));
    }

    @Test
    void aRemovalWaitsForTheUploadsThatStartedBeforeItAndNoneStartsAfter() throws Exception {
        ownership.assigned(List.of(0, 1));
        ownership.confirmed(T0.toEpochMilli());
        Ownership.Claim claim = ownership.claim(List.of(0));
        ownership.startUpload(claim, "minute/a");
        ownership.removed(List.of(0));
        assertThrows(Ownership.NotOwnerException.class, () -> ownership.startUpload(claim, "minute/b"));
        assertFalse(ownership.awaitUploads(List.of(0), Duration.ofMillis(50)), "minute/a still runs");
        assertTrue(ownership.awaitUploads(List.of(1), Duration.ZERO), "nothing of partition 1 runs");

        java.util.concurrent.CompletableFuture<Boolean> waiting = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> ownership.awaitUploads(List.of(0), Duration.ofSeconds(30)));
        ownership.endUpload(claim);
        assertTrue(waiting.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(Duration.ofSeconds(4), ownership.uploadBound());
    }
}
