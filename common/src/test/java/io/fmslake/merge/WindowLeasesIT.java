package io.fmslake.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.store.ObjectStore;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.S3Endpoint;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Leases per window against a real S3 server (S3Proxy): contenders on threads, each with its own owner, take the
 * leases of a week, its days and hours, a day of another week, all at once and again and again. While a contender
 * holds a lease it registers its window in a shared set: a window overlapping one already registered would mean
 * two holders of overlapping windows at the same moment. None may ever be seen, every acquisition succeeds, and
 * disjoint windows do get held at the same time.
 */
class WindowLeasesIT {
    private static final int CONTENDERS = 6;
    private static final int ROUNDS = 5;
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final List<Window> windows = List.of(
            codec.parseWindow(Level.WEEK, "2025-06-08"),
            codec.parseWindow(Level.DAY, "2025-06-12"),
            codec.parseWindow(Level.DAY, "2025-06-13"),
            codec.parseWindow(Level.HOUR, "2025-06-12T10:00"),
            codec.parseWindow(Level.HOUR, "2025-06-12T11:00"),
            codec.parseWindow(Level.HOUR, "2025-06-13T10:00"),
            codec.parseWindow(Level.DAY, "2025-06-05"));
    private final Set<Window> held = new HashSet<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger maxTogether = new AtomicInteger();

    @Test
    void overlappingWindowsAreNeverHeldAtOnceAndDisjointOnesAre() throws Exception {
        try (ObjectStore store = EmbeddedS3.shared().store(S3Endpoint.uniqueBucket("window-leases"))) {
            ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS);
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < CONTENDERS; c++) {
                String owner = "contender-" + c;
                done.add(pool.submit(() -> contend(store, owner)));
            }
            int acquired = 0;
            for (Future<Integer> f : done) {
                acquired += f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertEquals(CONTENDERS * ROUNDS, acquired, "every contender got every lease it asked for");
            assertEquals(0, overlaps.get(), "two holders of overlapping windows at the same moment");
            assertTrue(maxTogether.get() >= 2, "disjoint windows were held at the same time: " + maxTogether.get());
            assertEquals(List.of(), store.list(LeaseKeys.PREFIX), "every lease released");
        }
    }

    private int contend(ObjectStore store, String owner) throws InterruptedException {
        WindowLeases leases = new WindowLeases(
                store,
                codec,
                Duration.ofSeconds(6),
                Duration.ofMinutes(3),
                owner,
                Clock.systemUTC(),
                Ticker.SYSTEM,
                d -> Thread.sleep(d.toMillis()));
        int acquired = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Window w = windows.get(ThreadLocalRandom.current().nextInt(windows.size()));
            try (MergeLease lease = leases.acquire(w)) {
                enter(w);
                acquired++;
                Thread.sleep(ThreadLocalRandom.current().nextInt(20, 120));
                lease.ensureHeld();
                leave(w);
            }
        }
        return acquired;
    }

    private synchronized void enter(Window w) {
        if (held.stream().anyMatch(o -> LeaseKeys.overlap(o, w))) {
            overlaps.incrementAndGet();
        }
        held.add(w);
        maxTogether.accumulateAndGet(held.size(), Math::max);
    }

    private synchronized void leave(Window w) {
        held.remove(w);
    }
}
