package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM: the open minute is written now, offsets committed, exit 0 within 30 s; a restart adds a late file. */
class CollectorSigtermIT {
    @TempDir
    Path work;

    @Test
    void sigtermWritesTheOpenMinuteCommitsAndExitsZero() {
        try (TestBed bed = new TestBed("sigterm", 1, work)) {
            // an open minute: event times in the future minute, so it cannot close before the SIGTERM
            Instant open = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(2, ChronoUnit.MINUTES);
            Path log = TestBed.logFile("sigterm");
            try (JvmProcess collector =
                    JvmProcess.of(Main.class).env(bed.env()).log(log).start()) {
                assertTrue(collector.awaitOutput("assigned", Duration.ofSeconds(60)), "log " + log);
                bed.produce(0, 50, open, Duration.ofMillis(100));
                TestBed.sleep(3000);
                long start = System.nanoTime();
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), "log " + log);
                assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0);
                assertTrue(collector.output().contains("reason=shutdown"), "log " + log);
            }
            assertEquals(bed.end(), bed.committed());
            LakeAudit.Result lake = bed.audit();
            assertEquals(50, lake.distinct());
            assertEquals(1, lake.keys().size());

            // later records of that minute, after a restart, become a suffixed file next to it
            bed.produce(0, 5, open.plusSeconds(30), Duration.ofMillis(100));
            log = TestBed.logFile("sigterm-restart");
            int port = Ports.free();
            try (JvmProcess collector = JvmProcess.of(Main.class)
                    .env(bed.env())
                    .env("SHUTDOWN_TIMEOUT", "5s")
                    .env("HTTP_PORT", Integer.toString(port))
                    .log(log)
                    .start()) {
                assertTrue(collector.awaitOutput("assigned", Duration.ofSeconds(60)), "log " + log);
                // the 5 records are buffered (not a fixed sleep: a loaded machine polls late)
                assertTrue(
                        StoreFaultsIT.await(
                                Duration.ofSeconds(60),
                                () -> StoreFaultsIT.get(port, "/metrics")
                                        .contains("fms_collector_records_consumed_total 5.0")),
                        "log " + log);
                collector.terminate();
                assertEquals(0, collector.awaitExit(Duration.ofSeconds(30)), "log " + log);
            }
            lake = bed.audit();
            assertEquals(55, lake.distinct());
            assertTrue(lake.noDuplicates());
            assertEquals(2, lake.keys().size());
            assertTrue(
                    lake.keys().get(0).endsWith("-p0o50.parquet"), lake.keys().toString());
        }
    }
}
