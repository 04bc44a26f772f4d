package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two hour runs and a day run started at once (e.g. a manual job during the scheduled one), on overlapping windows:
 * their leases per window fence them, whoever goes first; nothing lost or doubled.
 */
class ConcurrentMergeIT {
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");

    @Test
    void concurrentRunsOnOverlappingWindowsAreFencedByTheirLeases() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "concurrent")) {
            long rows = 0;
            for (int h = 0; h < 3; h++) {
                for (int m = 0; m < 4; m++) {
                    Instant t = H10.plusSeconds(3600L * h + 60L * m);
                    lake.write(lake.minuteKey(t, null), 0, rows, rows + 400, t, 100);
                    rows += 400;
                }
            }
            String now = "2025-06-13T00:05:00Z";
            try (JvmProcess a = JvmProcess.of(Main.class)
                            .env(lake.env())
                            .args("hour", "--now", now)
                            .start();
                    JvmProcess b = JvmProcess.of(Main.class)
                            .env(lake.env())
                            .args("hour", "--now", now)
                            .start();
                    JvmProcess c = JvmProcess.of(Main.class)
                            .env(lake.env())
                            .args("day", "--now", now)
                            .start()) {
                assertEquals(0, a.awaitExit(Duration.ofSeconds(120)), a.output());
                assertEquals(0, b.awaitExit(Duration.ofSeconds(120)), b.output());
                assertEquals(0, c.awaitExit(Duration.ofSeconds(120)), c.output());
                long waited = java.util.stream.Stream.of(a, b, c)
                        .filter(p -> p.output().contains("waiting for it"))
                        .count();
                assertTrue(waited >= 1, "the runs overlapped: at least one waited for the lease");
            }
            // in whichever order the leases let them run, the day ends in one file: hour runs after the day run
            // find their hours inside the existing day and leave them to the day run, which has folded them already
            assertEquals(List.of("day/20250612.parquet"), lake.tierKeys());
            long[] counts = lake.counts();
            assertEquals(rows, counts[0]);
            assertEquals(rows, counts[1]);
        }
    }
}
