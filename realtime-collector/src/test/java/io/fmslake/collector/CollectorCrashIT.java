package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.JvmProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills the collector (a separate JVM) at chosen points of its commit protocol, restarts it, and counts the lake
 * by Kafka coordinates after every restart: never a duplicate, and in the end nothing missing.
 */
class CollectorCrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorCrashIT.class);
    /** halt(137) at the point, like kill -9: no shutdown hooks, no flush, no commit. */
    private static final List<String> POINTS =
            List.of("after-poll", "before-upload", "after-upload", "after-upload:2", "after-commit", "after-upload:3");

    @TempDir
    Path work;

    @Test
    void killedAtEveryPointOfTheProtocolItLosesNothingAndDuplicatesNothing() {
        try (TestBed bed = new TestBed("crash", 2, work)) {
            Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(40, ChronoUnit.MINUTES);
            for (int round = 0; round < POINTS.size(); round++) {
                Instant first = base.plus(Duration.ofMinutes(3L * round));
                for (int p = 0; p < 2; p++) {
                    bed.produce(p, 150, first.plusMillis(500L * p), Duration.ofMillis(1200)); // 3 minutes
                }
                if (round > 0) {
                    bed.produce(round % 2, 3, base.plusSeconds(10), Duration.ofSeconds(1)); // late for minute 0
                }
                String point = POINTS.get(round);
                Path log = TestBed.logFile("crash-" + point.replace(':', '-'));
                try (JvmProcess collector = JvmProcess.of(Main.class)
                        .env(bed.env())
                        .env("FMS_TEST_CRASH_POINT", point)
                        .log(log)
                        .start()) {
                    int exit = collector.awaitExit(Duration.ofSeconds(90));
                    assertEquals(137, exit, "halted at " + point + "; log " + log);
                }
                LakeAudit.Result lake = bed.audit();
                LOG.info("after crash at {}: {}, committed {}", point, lake, bed.committed());
                assertTrue(lake.noDuplicates(), "duplicates after a crash at " + point + ": " + lake);
            }
            Path log = TestBed.logFile("crash-restart");
            try (JvmProcess collector =
                    JvmProcess.of(Main.class).env(bed.env()).log(log).start()) {
                assertTrue(collector.awaitOutput("consuming", Duration.ofSeconds(60)));
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(90));
                bed.awaitCommittedEnd(Duration.ofSeconds(30));
                LOG.info("after the last restart: {}", lake);

                // and a plain kill -9 in the middle of work, then a graceful stop
                bed.produce(0, 200, base.plusSeconds(30), Duration.ofMillis(100));
                TestBed.sleep(1500);
                assertTrue(collector.alive());
                collector.kill();
            }
            log = TestBed.logFile("crash-final");
            try (JvmProcess collector =
                    JvmProcess.of(Main.class).env(bed.env()).log(log).start()) {
                assertTrue(collector.awaitOutput("assigned", Duration.ofSeconds(60)), "log " + log);
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofSeconds(90));
                bed.awaitCommittedEnd(Duration.ofSeconds(30));
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), "SIGTERM exits 0");
                Map<Integer, Long> end = bed.end();
                assertEquals(end, bed.committed());
                assertEquals(end.values().stream().mapToLong(Long::longValue).sum(), lake.distinct());
                assertTrue(lake.noDuplicates());
            }
        }
    }
}
