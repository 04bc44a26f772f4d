package io.fmslake.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.kafka.Offsets;
import io.fmslake.merge.LeaseKeys;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * Crash and rerun: backfills in separate JVMs are killed (kill -9, or halted at a test hook) while loading, right
 * after a merge target is uploaded, and while publishing; a final run converges to the exact lake. Running again,
 * with or without {@code --from-earliest}, changes nothing: same keys, sizes and ETags, same coordinates.
 */
class RerunIT {
    private final EmbeddedKafka kafka = EmbeddedKafka.shared();
    private final EmbeddedS3 s3 = EmbeddedS3.shared();

    @Test
    void killedRunsConvergeAndASecondRunChangesNothing() throws InterruptedException {
        String topic = "rerun-" + UUID.randomUUID();
        Instant now = Backfills.now();
        History history = History.weeks(kafka, topic, 3, 1_500, 100, now, 3);
        Map<String, String> env = Backfills.env(kafka, s3, topic);

        assertEquals(137, crashAt(env, now, "loading"), "halted while loading");
        assertEquals(137, crashAt(env, now, "after-upload"), "halted after a target upload, before its deletes");
        try (JvmProcess p = start(env, now, null)) {
            assertTrue(p.awaitOutput("merged ", Duration.ofSeconds(120)), p.output());
            assertTrue(p.alive(), "still running when killed");
            p.kill(); // kill -9 while publishing
        }
        assertEquals(137, crashAt(env, now, "published"), "halted after the first target was published");

        Summary done = Backfills.run(env, now, false);
        try (ObjectStore store = Backfills.store(env);
                Admin admin = kafka.admin()) {
            Lake lake = new Lake(store, Backfills.UTC);
            LakeAssertions.assertLoaded(lake, history, Backfills.router(now), Backfills.UTC);
            assertEquals(java.util.List.of(), store.list(LeaseKeys.PREFIX), "every lease is released");
            Offsets offsets = new Offsets(admin, Duration.ofSeconds(30));
            assertEquals(
                    done.handOver(),
                    offsets.committed(BackfillSettings.DEFAULT_GROUP_ID, topic),
                    "the finished range is recorded in the backfill's own group");
            Map<String, String> before = snapshot(lake);

            Summary again = Backfills.run(env, now, false);
            assertEquals(0, again.records(), "a second run starts where the first stopped");
            assertEquals(before, snapshot(lake), "nothing changed");

            Summary full = Backfills.run(env, now, true);
            assertEquals(history.records(), full.records(), "--from-earliest reads everything again");
            assertEquals(before, snapshot(lake), "and still changes nothing");
            full.tiers().forEach((level, t) -> assertEquals(0, t.files(), level + " files rewritten"));
            LakeAssertions.assertLoaded(lake, history, Backfills.router(now), Backfills.UTC);
        }
    }

    private static int crashAt(Map<String, String> env, Instant now, String point) {
        try (JvmProcess p = start(env, now, point)) {
            int status = p.awaitExit(Duration.ofSeconds(180));
            assertFalse(p.output().contains("backfill done"), p.output());
            return status;
        }
    }

    private static JvmProcess start(Map<String, String> env, Instant now, String crashPoint) {
        JvmProcess.Builder b = JvmProcess.of(Main.class).env(env).args("--now", now.toString());
        if (crashPoint != null) {
            b.env(TestHooks.VARIABLE, crashPoint);
        }
        return b.start();
    }

    /** Key -> size and ETag of every lake object. */
    private static Map<String, String> snapshot(Lake lake) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, StoredObject> e : lake.listing().entrySet()) {
            out.put(
                    e.getKey(),
                    e.getValue().size() + " " + e.getValue().etag() + " "
                            + e.getValue().lastModified());
        }
        return out;
    }
}
