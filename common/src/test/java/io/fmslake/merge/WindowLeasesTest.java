package io.fmslake.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Leases per window with fake time (the store stamps objects with the test world's clock; every process's ticker
 * runs with it): disjoint windows are held at once, overlapping ones never; a coarser contender keeps its object
 * while it waits, a finer one gives way; expired overlapping leases and the legacy bucket-wide lease.
 */
class WindowLeasesTest {
    private static final Duration TTL = Duration.ofMinutes(2);
    private final MutableClock storeTime = new MutableClock(Instant.parse("2025-06-12T12:00:00Z"));
    private final MemoryObjectStore store = new MemoryObjectStore(storeTime);
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final LeaseKeys keys = new LeaseKeys(codec);
    private final FakeTicker ticker = new FakeTicker();
    private final List<Runnable> onSleep = new ArrayList<>();

    private final Window week = codec.parseWindow(Level.WEEK, "2025-06-08");
    private final Window day = codec.parseWindow(Level.DAY, "2025-06-12");
    private final Window hour10 = codec.parseWindow(Level.HOUR, "2025-06-12T10:00");
    private final Window hour11 = codec.parseWindow(Level.HOUR, "2025-06-12T11:00");
    private final Window lastWeek = codec.parseWindow(Level.WEEK, "2025-06-01");

    private WindowLeases leases(String owner, Duration wait) {
        return new WindowLeases(store, codec, TTL, wait, owner, storeTime, ticker, this::pass);
    }

    /** Time passes for the store and every ticker; then whatever the test scheduled for this sleep happens. */
    private void pass(Duration d) {
        storeTime.advance(d);
        ticker.advance(d);
        List<Runnable> due = new ArrayList<>(onSleep);
        onSleep.clear();
        due.forEach(Runnable::run);
    }

    private List<String> leaseKeys() {
        return store.keys().stream().filter(k -> k.startsWith(LeaseKeys.PREFIX)).toList();
    }

    @Test
    void keysNameTheWindowAndParseBack() {
        assertEquals("_lease/hour/20250612_10_11.json", keys.of(hour10));
        assertEquals("_lease/day/20250612.json", keys.of(day));
        assertEquals("_lease/week/20250608_20250614.json", keys.of(week));
        for (Window w : List.of(hour10, day, week)) {
            assertEquals(Optional.of(w), keys.windowOf(keys.of(w)));
        }
        assertEquals(Optional.empty(), keys.windowOf(LeaseKeys.LEGACY));
        assertEquals(Optional.empty(), keys.windowOf("_lease/minute/20250612_1000.json"));
        assertEquals(Optional.empty(), keys.windowOf("_lease/hour/"));
        assertThrows(
                IllegalArgumentException.class, () -> keys.of(codec.parseWindow(Level.MINUTE, "2025-06-12T10:00")));
    }

    @Test
    void disjointWindowsAreHeldAtOnce() {
        MergeLease a = leases("a", Duration.ZERO).acquire(hour10);
        MergeLease b = leases("b", Duration.ZERO).acquire(hour11);
        MergeLease c = leases("c", Duration.ZERO).acquire(lastWeek);
        assertEquals(List.of(keys.of(hour10), keys.of(hour11), keys.of(lastWeek)), leaseKeys());
        a.close();
        b.close();
        c.close();
        assertEquals(List.of(), leaseKeys(), "released");
    }

    @Test
    void aDayIsRefusedWhileAnHourInsideItIsHeldAndLeavesNothingBehind() {
        MergeLease h = leases("a", Duration.ZERO).acquire(hour10);
        LeaseUnavailableException e = assertThrows(
                LeaseUnavailableException.class,
                () -> leases("b", Duration.ZERO).acquire(day));
        assertTrue(e.getMessage().contains("overlapping [" + keys.of(hour10) + " held by a"), e.getMessage());
        assertEquals(List.of(keys.of(hour10)), leaseKeys());
        h.ensureHeld();
        h.close();
    }

    @Test
    void anHourIsRefusedWhileItsDayOrWeekIsHeld() {
        for (Window coarse : List.of(day, week)) {
            MergeLease held = leases("a", Duration.ZERO).acquire(coarse);
            LeaseUnavailableException e = assertThrows(
                    LeaseUnavailableException.class,
                    () -> leases("b", Duration.ZERO).acquire(hour10));
            assertTrue(e.getMessage().contains(keys.of(coarse) + " held by a"), e.getMessage());
            assertEquals(List.of(keys.of(coarse)), leaseKeys(), "the hour's own object is released again");
            MergeLease other = leases("c", Duration.ZERO).acquire(codec.parseWindow(Level.HOUR, "2025-06-05T10:00"));
            other.close();
            held.close();
        }
    }

    @Test
    void twoContendersForOneWindowWaitForEachOther() {
        MergeLease a = leases("a", Duration.ZERO).acquire(hour10);
        LeaseUnavailableException e = assertThrows(
                LeaseUnavailableException.class,
                () -> leases("b", Duration.ofSeconds(30)).acquire(hour10));
        assertTrue(e.getMessage().contains("held by a"), e.getMessage());
        onSleep.add(a::close);
        MergeLease b = leases("b", Duration.ofSeconds(30)).acquire(hour10);
        assertEquals("b", LeaseRecord.fromJson(store.bytes(keys.of(hour10))).owner());
        b.close();
    }

    @Test
    void aCoarserContenderKeepsItsObjectWhileItWaitsSoNoNewFinerRunStarts() {
        MergeLease h = leases("a", Duration.ZERO).acquire(hour10);
        List<String> duringWait = new ArrayList<>();
        onSleep.add(() -> {
            duringWait.addAll(leaseKeys());
            assertThrows(
                    LeaseUnavailableException.class,
                    () -> leases("c", Duration.ZERO).acquire(hour11),
                    "a new hour of the day waits for the day that waits");
            h.close();
        });
        MergeLease d = leases("b", Duration.ofMinutes(1)).acquire(day);
        assertEquals(List.of(keys.of(day), keys.of(hour10)), duringWait);
        assertEquals(List.of(keys.of(day)), leaseKeys());
        d.close();
    }

    @Test
    void aFinerContenderGivesWayToACoarserHolderAndGetsItsWindowAfter() {
        MergeLease d = leases("a", Duration.ZERO).acquire(day);
        List<String> duringWait = new ArrayList<>();
        onSleep.add(() -> {
            duringWait.addAll(leaseKeys());
            d.close();
        });
        MergeLease h = leases("b", Duration.ofMinutes(1)).acquire(hour10);
        assertEquals(List.of(keys.of(day)), duringWait, "the hour released its object while it waited");
        assertEquals(List.of(keys.of(hour10)), leaseKeys());
        h.close();
    }

    @Test
    void anExpiredOverlappingLeaseIsRemovedAndItsHolderFenced() {
        MergeLease h = leases("a", Duration.ZERO).acquire(hour10);
        pass(TTL.plusSeconds(1));
        MergeLease d = leases("b", Duration.ZERO).acquire(day);
        assertEquals(List.of(keys.of(day)), leaseKeys(), "the expired hour lease is gone");
        assertThrows(LeaseLostException.class, h::ensureHeld, "its holder stops before its next write");
        h.close();
        assertEquals(List.of(keys.of(day)), leaseKeys());
        d.close();
    }

    @Test
    void aLiveLegacyLeaseOverlapsEveryWindowAndAnExpiredOneIsRemoved() {
        store.put(
                LeaseKeys.LEGACY,
                LeaseRecord.of("old-merger", storeTime.instant(), storeTime.instant(), TTL)
                        .toJson());
        LeaseUnavailableException e = assertThrows(
                LeaseUnavailableException.class,
                () -> leases("b", Duration.ZERO).acquire(lastWeek));
        assertTrue(e.getMessage().contains(LeaseKeys.LEGACY + " held by old-merger"), e.getMessage());
        assertEquals(List.of(LeaseKeys.LEGACY), leaseKeys());
        MergeLease h = leases("b", TTL.multipliedBy(2)).acquire(hour10);
        assertEquals(
                List.of(keys.of(hour10)), leaseKeys(), "taken over and removed once a TTL old by the store's clock");
        h.close();
    }

    @Test
    void withoutAWaitAContenderTriesOnceAndNeverSleeps() {
        MergeLease h = leases("a", Duration.ZERO).acquire(hour10);
        onSleep.add(() -> {
            throw new AssertionError("slept");
        });
        assertThrows(
                LeaseUnavailableException.class,
                () -> leases("b", Duration.ZERO).acquire(week));
        onSleep.clear();
        h.close();
    }
}
