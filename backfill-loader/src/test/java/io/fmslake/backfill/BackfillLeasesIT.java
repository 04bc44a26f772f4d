package io.fmslake.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.merge.LeaseKeys;
import io.fmslake.merge.MergeLease;
import io.fmslake.merge.WindowLeases;
import io.fmslake.store.ObjectStore;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The backfill takes the lease of each window it publishes into, as the merger does. While another process (this
 * test, standing for a week merge) holds the lease of one closed week, the backfill publishes every other window
 * and waits for that week; once the lease is released it publishes it too. Every row once, every lease released.
 */
class BackfillLeasesIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private final EmbeddedKafka kafka = EmbeddedKafka.shared();
    private final EmbeddedS3 s3 = EmbeddedS3.shared();

    @Test
    void aWeekHeldByAMergeWaitsWhileEveryOtherWindowIsPublished() throws Exception {
        String topic = "leases-" + UUID.randomUUID();
        History.createTopic(kafka, topic, 3);
        Instant now = Backfills.now();
        History history = new History();
        history.produce(kafka, topic, 3, 600, now, Duration.ofDays(20), 3);
        Map<String, String> env = Backfills.env(kafka, s3, topic);
        env.put("LEASE_WAIT", "150s");
        Window held = Backfills.UTC.windowOf(Level.WEEK, now.minus(Duration.ofDays(12)));
        String heldFile = Backfills.UTC.format(held);
        try (ObjectStore store = Backfills.store(env)) {
            WindowLeases leases =
                    WindowLeases.of(store, Backfills.UTC, Duration.ofMinutes(1), Duration.ZERO, Clock.systemUTC());
            CompletableFuture<Summary> backfill;
            try (MergeLease lease = leases.acquire(held)) {
                backfill = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Backfills.run(env, now, false);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                Lake lake = new Lake(store, Backfills.UTC);
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (lake.keys("week").isEmpty() && !backfill.isDone() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertFalse(lake.keys("week").isEmpty(), "another week was published meanwhile");
                assertFalse(backfill.isDone(), "the backfill waits for the held week");
                assertFalse(lake.keys("week").contains(heldFile), "nothing written into the held week");
                assertTrue(store.list(LeaseKeys.PREFIX).stream()
                        .anyMatch(o -> o.key().equals(leases.keys().of(held))));
                lease.ensureHeld();
            }
            Summary summary = backfill.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Lake lake = new Lake(store, Backfills.UTC);
            assertTrue(
                    lake.keys("week").contains(heldFile),
                    "the held week published after its release: " + lake.keys("week"));
            LakeAssertions.assertLoaded(lake, history, Backfills.router(now), Backfills.UTC);
            assertEquals(history.records(), summary.records());
            assertEquals(List.of(), store.list(LeaseKeys.PREFIX), "every lease released");
        }
    }
}
