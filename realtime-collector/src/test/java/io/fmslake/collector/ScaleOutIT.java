package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.JvmProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicas in one group on a 3-partition topic under live traffic: one dies (kill -9) and the survivor takes its
 * partitions over from their committed offsets; a new replica joins (cooperative rebalance, revocation writes);
 * then all stop. Nothing lost, nothing twice, and the extra files of a minute carry the -p<P>o<O> suffix.
 */
class ScaleOutIT {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleOutIT.class);
    /**
     * The rebalance listener's lines ("assigned [topic-2]: starting at ..."), not the Kafka client's WARN "... as it
     * is no longer assigned", which made a count of "assigned" reach two before the second assignment.
     */
    private static final String ASSIGNED = "assigned [";

    private static final String REVOKED = "revoked [";

    @TempDir
    Path work;

    @Test
    void replicasShareTheTopicAndSurviveTheDeathOfOne() throws Exception {
        try (TestBed bed = new TestBed("scale", 3, work)) {
            AtomicBoolean producing = new AtomicBoolean(true);
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                int p = 0;
                while (producing.get()) {
                    bed.produce(p++ % 3, 20, Instant.now(), Duration.ofMillis(5));
                    TestBed.sleep(50);
                }
            });
            try (JvmProcess a = start(bed, "scale-a");
                    JvmProcess b = start(bed, "scale-b")) {
                assertTrue(a.awaitOutput(ASSIGNED, Duration.ofSeconds(60)), "a assigned; log " + a.log());
                assertTrue(b.awaitOutput(ASSIGNED, Duration.ofSeconds(60)), "b assigned; log " + b.log());
                TestBed.sleep(5000);
                a.kill();
                LOG.info("killed replica a");
                assertTrue(awaitCount(b, ASSIGNED, 2, Duration.ofSeconds(60)), "b took a's partitions; log " + b.log());
                TestBed.sleep(3000);
                LakeAudit.Result afterKill = bed.audit();
                assertTrue(afterKill.noDuplicates(), "after the kill: " + afterKill);

                try (JvmProcess c = start(bed, "scale-c")) {
                    assertTrue(c.awaitOutput(ASSIGNED, Duration.ofSeconds(60)), "c assigned; log " + c.log());
                    assertTrue(b.awaitOutput(REVOKED, Duration.ofSeconds(60)), "b handed over; log " + b.log());
                    TestBed.sleep(3000);
                    producing.set(false);
                    traffic.get();
                    b.terminate();
                    c.terminate();
                    assertEquals(0, b.awaitExit(Duration.ofSeconds(30)), "b exits 0; log " + b.log());
                    assertEquals(0, c.awaitExit(Duration.ofSeconds(30)), "c exits 0; log " + c.log());
                    assertTrue(b.output().contains(REVOKED), "b handed partitions to c; log " + b.log());
                }
            } finally {
                producing.set(false);
            }
            LakeAudit.Result stopped = bed.audit();
            assertTrue(stopped.noDuplicates(), "after the graceful stops: " + stopped);
            // records produced right before the stops may not have been polled yet: a restarted replica takes them
            LakeAudit.Result lake;
            try (JvmProcess d = start(bed, "scale-d")) {
                // the lake may already be complete; d must still have installed its signal handler before SIGTERM
                assertTrue(d.awaitOutput(ASSIGNED, Duration.ofSeconds(60)), "d assigned; log " + d.log());
                lake = bed.awaitComplete(Duration.ofSeconds(60));
                d.terminate();
                assertEquals(0, d.awaitExit(Duration.ofSeconds(30)), "d exits 0; log " + d.log());
            }
            LOG.info("scale-out lake: {}; keys {}", lake, lake.keys());
            assertTrue(lake.noDuplicates());
            assertEquals(bed.end(), bed.committed());
            assertTrue(
                    lake.keys().stream().anyMatch(k -> k.matches("minute/\\d{8}_\\d{4}-p\\do\\d+\\.parquet")),
                    "several replicas write suffixed files: " + lake.keys());
        }
    }

    private static boolean awaitCount(JvmProcess p, String text, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (p.output().split(java.util.regex.Pattern.quote(text), -1).length - 1 >= count) {
                return true;
            }
            TestBed.sleep(200);
        }
        return false;
    }

    private static JvmProcess start(TestBed bed, String name) {
        return JvmProcess.of(Main.class)
                .env(bed.env())
                .log(TestBed.logFile(name))
                .start();
    }
}
