package io.fmslake.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The lease's rules with a store whose clock is the real time of the test's world ({@link MemoryObjectStore} stamps
 * objects with it), each process's own wall clock (skewable) and its own monotonic ticker. Time passes for everyone
 * at once when a contender sleeps or the test calls {@link #pass}.
 */
class MergeLeaseTest {
    private static final String KEY = "_lease/hour/20250612_10_11.json";
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofSeconds(10);
    private final MutableClock storeTime = new MutableClock(Instant.parse("2025-06-12T00:01:00Z"));
    private final MemoryObjectStore store = new MemoryObjectStore(storeTime);
    private final List<FakeTicker> tickers = new ArrayList<>();

    /** A process whose wall clock is {@code skew} off the store's, and whose ticker runs with the world. */
    private final class Process {
        final FakeTicker ticker = new FakeTicker();
        final Clock clock;

        Process(Duration skew) {
            clock = Clock.offset(storeTime, skew);
            tickers.add(ticker);
        }

        MergeLease acquire(String owner, Duration wait) {
            return MergeLease.acquire(
                    store, new LeaseTerms(KEY, TTL, wait, POLL), owner, clock, ticker, MergeLeaseTest.this::pass);
        }
    }

    private void pass(Duration d) {
        storeTime.advance(d);
        tickers.forEach(t -> t.advance(d));
    }

    private MergeLease acquire(String owner, Duration wait) {
        return new Process(Duration.ZERO).acquire(owner, wait);
    }

    private LeaseRecord current() {
        return LeaseRecord.fromJson(store.bytes(KEY));
    }

    @Test
    void acquireWritesTheLeaseObjectAndReleaseDeletesIt() {
        MergeLease lease = acquire("a", Duration.ZERO);
        LeaseRecord rec = current();
        assertEquals("a", rec.owner());
        assertEquals(Optional.of(TTL), rec.ttl());
        assertEquals(storeTime.instant().plus(TTL), rec.expires());
        assertEquals(TTL.minus(TTL.dividedBy(5)), lease.validFor(), "valid for the TTL minus the margin");
        lease.close();
        assertTrue(store.stat(KEY).isEmpty());
    }

    @Test
    void aSecondOwnerWaitsThenGivesUpWhileTheFirstHoldsIt() {
        MergeLease a = acquire("a", Duration.ZERO);
        Instant before = storeTime.instant();
        LeaseUnavailableException e =
                assertThrows(LeaseUnavailableException.class, () -> acquire("b", Duration.ofMinutes(1)));
        assertTrue(e.getMessage().contains("held by a"), e.getMessage());
        assertEquals(Duration.ofMinutes(1), Duration.between(before, storeTime.instant()));
        a.ensureHeld();
    }

    @Test
    void aSecondOwnerGetsTheLeaseOnceTheFirstReleasesIt() {
        MergeLease a = acquire("a", Duration.ZERO);
        a.close();
        MergeLease b = acquire("b", Duration.ZERO);
        assertEquals("b", current().owner());
        b.close();
    }

    @Test
    void anExpiredLeaseIsTakenOverByTheStoresClockAndItsFormerHolderIsFenced() {
        MergeLease a = acquire("a", Duration.ZERO);
        Instant renewed = storeTime.instant();
        MergeLease b = acquire("b", TTL.plus(POLL));
        assertEquals("b", current().owner());
        assertTrue(
                Duration.between(renewed, storeTime.instant()).compareTo(TTL.plusSeconds(1)) >= 0,
                "taken over only once the object was a TTL plus the store's resolution old");
        assertTrue(a.validFor().isNegative(), "a's own ticker says its lease is over");
        LeaseLostException lost = assertThrows(LeaseLostException.class, a::ensureHeld);
        assertTrue(lost.getMessage().contains("lease lost"), lost.getMessage());
        a.close();
        assertEquals("b", current().owner(), "a must not delete b's lease");
        b.ensureHeld();
        b.close();
        assertTrue(store.stat(KEY).isEmpty());
    }

    @Test
    void withinItsValidityTheHolderWritesWithoutAskingTheStore() {
        MergeLease a = acquire("a", Duration.ZERO);
        pass(TTL.dividedBy(2));
        store.clearCalls();
        a.ensureHeld();
        assertEquals(List.of(), store.calls());
    }

    @Test
    void pastItsValidityTheHolderRenewsBeforeWritingAndKeepsOthersOut() {
        MergeLease a = acquire("a", Duration.ZERO);
        pass(TTL.minus(TTL.dividedBy(5)));
        a.ensureHeld();
        assertEquals(
                List.of("replaceIfMatch " + KEY),
                store.calls().subList(store.calls().size() - 1, store.calls().size()));
        assertEquals(TTL.minus(TTL.dividedBy(5)), a.validFor());
        pass(Duration.ofMinutes(4));
        assertThrows(LeaseUnavailableException.class, () -> acquire("b", Duration.ZERO));
        a.ensureHeld();
    }

    @Test
    void aHolderPastItsValidityKeepsTheLeaseWhenNobodyTookItOver() {
        MergeLease a = acquire("a", Duration.ZERO);
        pass(TTL.multipliedBy(3));
        a.ensureHeld();
        assertEquals(TTL.minus(TTL.dividedBy(5)), a.validFor());
        assertEquals("a", current().owner());
    }

    @Test
    void aContenderWhoseClockIsAheadDoesNotTakeALiveLease() {
        MergeLease a = new Process(Duration.ofMinutes(-10)).acquire("a", Duration.ZERO);
        // by b's clock the expiry a wrote lies 20 minutes in the past; by the store's clock a renewed just now
        LeaseUnavailableException e = assertThrows(
                LeaseUnavailableException.class,
                () -> new Process(Duration.ofMinutes(10)).acquire("b", Duration.ofMinutes(1)));
        assertTrue(e.getMessage().contains("held by a"), e.getMessage());
        a.ensureHeld();
        assertEquals("a", current().owner());
    }

    @Test
    void aHolderWhoseClockIsSetBackDoesNotBelieveAnExpiredLeaseIsStillItsOwn() {
        MutableClock wall = new MutableClock(storeTime.instant());
        FakeTicker ticker = new FakeTicker();
        tickers.add(ticker);
        MergeLease a =
                MergeLease.acquire(store, new LeaseTerms(KEY, TTL, Duration.ZERO, POLL), "a", wall, ticker, this::pass);
        wall.set(wall.instant().minus(Duration.ofMinutes(10))); // e.g. stepped back by NTP
        pass(TTL.plusSeconds(1));
        wall.advance(TTL.plusSeconds(1));
        assertTrue(current().expires().isAfter(wall.instant()), "by its own wall clock the lease runs on");
        assertTrue(a.validFor().isNegative(), "by its ticker it is over");
        MergeLease c = new Process(Duration.ofMinutes(-20)).acquire("c", Duration.ZERO);
        assertEquals("c", current().owner(), "a contender whose clock is far behind takes it over at once");
        assertThrows(LeaseLostException.class, a::ensureHeld);
        c.close();
    }

    @Test
    void aMalformedLeaseObjectIsTakenOverOnceItIsATtlOld() {
        store.put(KEY, "not json".getBytes(StandardCharsets.UTF_8));
        assertThrows(LeaseUnavailableException.class, () -> acquire("b", Duration.ZERO));
        MergeLease b = acquire("b", TTL.plus(POLL));
        assertEquals("b", current().owner());
        b.close();
    }

    @Test
    void aDeletedLeaseObjectFencesItsHolderAtItsNextRenewal() {
        MergeLease a = acquire("a", Duration.ZERO);
        store.delete(KEY);
        assertThrows(LeaseLostException.class, a::renew);
        assertThrows(LeaseLostException.class, a::ensureHeld, "lost stays lost");
    }

    @Test
    void anotherLeaseKeyIsAnIndependentLease() {
        MergeLease merge = acquire("a", Duration.ZERO);
        LeaseTerms window = new LeaseTerms("_lease/hour/20250612_11_12.json", TTL, Duration.ZERO, POLL);
        MergeLease other = MergeLease.acquire(
                store, window, "b", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new FakeTicker(), this::pass);
        assertEquals("b", LeaseRecord.fromJson(store.bytes(window.key())).owner());
        other.close();
        merge.close();
        assertEquals(List.of(), store.keys());
    }
}
