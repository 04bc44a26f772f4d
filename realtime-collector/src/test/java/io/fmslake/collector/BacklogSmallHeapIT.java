package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.JvmProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restart after downtime: 300,000 records wait in three partitions and the collector runs with a 256 MiB heap
 * and a 48 MiB buffer cap. It must flush closed minutes early, pause while full, and finish without running out of
 * memory (the JVM is told to exit on an OutOfMemoryError, which would fail the test).
 */
class BacklogSmallHeapIT {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogSmallHeapIT.class);
    private static final int PER_PARTITION = 100_000;

    @TempDir
    Path work;

    @Test
    void aLargeBacklogCompletesUnderASmallHeap() {
        try (TestBed bed = new TestBed("backlog", 3, work)) {
            Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES);
            long t0 = System.nanoTime();
            for (int p = 0; p < 3; p++) {
                bed.produce(p, PER_PARTITION, first.plusMillis(p), Duration.ofMillis(6)); // 10 minutes
            }
            LOG.info("produced {} records in {} ms", 3 * PER_PARTITION, (System.nanoTime() - t0) / 1_000_000);
            Path log = TestBed.logFile("backlog");
            try (JvmProcess collector = JvmProcess.of(Main.class)
                    .env(bed.env())
                    .env("BUFFER_MAX_BYTES", "48MiB")
                    .jvmArgs("-Xmx256m", "-XX:+ExitOnOutOfMemoryError")
                    .log(log)
                    .start()) {
                long start = System.nanoTime();
                LakeAudit.Result lake = bed.awaitComplete(Duration.ofMinutes(4));
                long millis = (System.nanoTime() - start) / 1_000_000;
                LOG.info("backlog of {} records collected in {} ms: {}", 3 * PER_PARTITION, millis, lake);
                assertTrue(collector.alive(), "log " + log);
                assertFalse(collector.output().contains("OutOfMemoryError"));
                assertTrue(
                        collector.output().contains("reason=pressure")
                                || collector.output().contains("paused"),
                        "the cap was reached; log " + log);
                bed.awaitCommittedEnd(Duration.ofSeconds(30));
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), "log " + log);
                assertEquals(3L * PER_PARTITION, lake.distinct());
            }
        }
    }
}
