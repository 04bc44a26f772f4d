package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --schedule}: Quartz fires the hour run on its cron; SIGTERM stops the daemon cleanly. */
class ScheduleDaemonIT {
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");

    @Test
    void theDaemonRunsMergesOnTheirScheduleAndStopsOnSigterm() throws InterruptedException {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "schedule")) {
            lake.write(lake.minuteKey(H10, null), 0, 0, 100, H10, 500);
            lake.write(lake.minuteKey(H10.plusSeconds(60), null), 0, 100, 200, H10.plusSeconds(60), 500);
            var env = lake.env();
            env.put("MERGE_HOUR_CRON", "0/2 * * * * ?"); // every 2 seconds (Quartz form)
            env.put("MERGE_DAY_CRON", "0 0 1 1 *"); // far away (5-field form)
            env.put("MERGE_WEEK_CRON", "0 0 1 1 *");
            try (JvmProcess p =
                    JvmProcess.of(Main.class).env(env).args("--schedule").start()) {
                assertTrue(
                        p.awaitOutput("hour merge scheduled by '0/2 * * * * ?'", Duration.ofSeconds(60)), p.output());
                assertTrue(
                        p.awaitOutput(
                                "day merge scheduled by '0 0 1 1 *' (Quartz '0 0 0 1 1 ?')", Duration.ofSeconds(5)),
                        p.output());
                assertTrue(p.awaitOutput("hour run done: 1 merged", Duration.ofSeconds(60)), p.output());
                assertEquals(List.of("hour/20250612_10_11.parquet"), lake.tierKeys());
                p.terminate();
                assertEquals(0, p.awaitExit(Duration.ofSeconds(40)), p.output());
                assertTrue(p.output().contains("stopping the merge scheduler"), p.output());
            }
            assertEquals(200, lake.counts()[1]);
        }
    }
}
