package io.fmslake.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.backfill.tier.TierRouter;
import io.fmslake.store.ObjectStore;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.window.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Three weeks of history, out of time order across offsets, land straight in their tiers with the contract's
 * names, every row once, dead letters under errors/; minute files a collector wrote before are folded in.
 */
class TieredHistoryIT {
    private final EmbeddedKafka kafka = EmbeddedKafka.shared();
    private final EmbeddedS3 s3 = EmbeddedS3.shared();

    @Test
    void historyOverSeveralWeeksLandsInItsTiersOnceEach() throws InterruptedException {
        String topic = "history-" + UUID.randomUUID();
        History.createTopic(kafka, topic, 3);
        Instant now = Backfills.now();
        History history = new History();
        history.produce(kafka, topic, 3, 2_000, now, Duration.ofDays(20), 1);
        history.produce(kafka, topic, 3, 200, now, Duration.ofMinutes(40), 2); // the current hour and the last one
        Map<String, String> env = Backfills.env(kafka, s3, topic);
        try (ObjectStore store = Backfills.store(env)) {
            int seeded = Backfills.writeAsCollector(kafka, topic, 0, 60, store);
            assertTrue(seeded > 30, "minute files written by the stand-in collector: " + seeded);

            Summary summary = Backfills.run(env, now, false);

            TierRouter router = Backfills.router(now);
            Lake lake = new Lake(store, Backfills.UTC);
            LakeAssertions.assertLoaded(lake, history, router, Backfills.UTC);
            assertEquals(history.records(), summary.records());
            assertEquals(history.deadLetters.size(), summary.deadLetters());
            assertTrue(summary.runs() > 6, "a small budget spills several runs: " + summary.runs());
            assertEquals(lake.keys("week").size(), summary.files(Level.WEEK));
            assertEquals(lake.keys("day").size(), summary.files(Level.DAY));
            assertEquals(lake.keys("hour").size(), summary.files(Level.HOUR));
            assertTrue(
                    lake.keys("week").size() >= 2
                            && !lake.keys("day").isEmpty()
                            && !lake.keys("hour").isEmpty()
                            && !lake.keys("minute").isEmpty(),
                    "every tier is used: " + lake.listing().keySet());
        }
    }
}
