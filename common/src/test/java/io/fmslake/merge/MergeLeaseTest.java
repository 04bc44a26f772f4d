package io.fmslake.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MergeLeaseTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofSeconds(10);
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-12T00:01:00Z"));

    private MergeLease acquire(String owner, Duration wait) {
        return MergeLease.acquire(store, clock, TTL, wait, POLL, owner, clock::advance);
    }

    @Test
    void acquireWritesTheLeaseObjectAndReleaseDeletesIt() {
        MergeLease lease = acquire("a", Duration.ZERO);
        LeaseRecord rec = LeaseRecord.fromJson(store.bytes(MergeLease.KEY));
        assertEquals("a", rec.owner());
        assertEquals(clock.instant().plus(TTL), rec.expires());
        lease.close();
        assertTrue(store.stat(MergeLease.KEY).isEmpty());
    }

    @Test
    void aSecondOwnerWaitsThenGivesUpWhileTheFirstHoldsIt() {
        MergeLease a = acquire("a", Duration.ZERO);
        Instant before = clock.instant();
        LeaseUnavailableException e = assertThrows(LeaseUnavailableException.class, () -> acquire("b", Duration.ofMinutes(1)));
        assertTrue(e.getMessage().contains("held by a"), e.getMessage());
        assertEquals(Duration.ofMinutes(1), Duration.between(before, clock.instant()));
        a.ensureHeld();
    }

    @Test
    void aSecondOwnerGetsTheLeaseOnceTheFirstReleasesIt() {
        MergeLease a = acquire("a", Duration.ZERO);
        a.close();
        MergeLease b = acquire("b", Duration.ZERO);
        assertEquals("b", LeaseRecord.fromJson(store.bytes(MergeLease.KEY)).owner());
        b.close();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsFormerHolderIsFenced() {
        MergeLease a = acquire("a", Duration.ZERO);
        MergeLease b = acquire("b", TTL.plus(POLL));
        assertEquals("b", LeaseRecord.fromJson(store.bytes(MergeLease.KEY)).owner());
        assertThrows(LeaseLostException.class, a::ensureHeld);
        a.close();
        assertEquals("b", LeaseRecord.fromJson(store.bytes(MergeLease.KEY)).owner(), "a must not delete b's lease");
        b.ensureHeld();
        b.close();
        assertTrue(store.stat(MergeLease.KEY).isEmpty());
    }

    @Test
    void renewalPushesTheExpiryAndKeepsOthersOut() {
        MergeLease a = acquire("a", Duration.ZERO);
        clock.advance(Duration.ofMinutes(4));
        a.ensureHeld();
        assertEquals(clock.instant().plus(TTL), a.expires());
        clock.advance(Duration.ofMinutes(4));
        assertThrows(LeaseUnavailableException.class, () -> acquire("b", Duration.ZERO));
        a.ensureHeld();
    }

    @Test
    void aHolderPastItsExpiryKeepsTheLeaseWhenNobodyTookItOver() {
        MergeLease a = acquire("a", Duration.ZERO);
        clock.advance(TTL.multipliedBy(3));
        a.ensureHeld();
        assertFalse(clock.instant().isAfter(a.expires()));
    }

    @Test
    void aMalformedLeaseObjectCanBeTakenOver() {
        store.put(MergeLease.KEY, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        MergeLease b = acquire("b", Duration.ZERO);
        assertEquals("b", LeaseRecord.fromJson(store.bytes(MergeLease.KEY)).owner());
        b.close();
    }

    @Test
    void aDeletedLeaseObjectFencesItsHolder() {
        MergeLease a = acquire("a", Duration.ZERO);
        store.delete(MergeLease.KEY);
        assertThrows(LeaseLostException.class, a::ensureHeld);
    }
}
