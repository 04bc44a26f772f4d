package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.store.StoredObject;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A merger JVM stopped with SIGSTOP right before its upload, for longer than its lease lasts. Meanwhile a late file
 * arrives and a second run takes the lease over, merges everything and publishes. Resumed with SIGCONT, the first
 * must neither overwrite the newer target (its upload is conditional on the target it planned) nor delete anything,
 * and must exit non-zero saying its lease was lost. DuckDB counts the lake by Kafka coordinates.
 */
class PausedMergerIT {
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");
    private static final String NOW = "2025-06-12T11:01:00Z";
    private static final String HOUR = "hour/20250612_10_11.parquet";
    private static final int MINUTES = 4;
    private static final int ROWS = 300;
    private static final int LATE_ROWS = 100;

    @Test
    void aMergerResumedAfterItsLeaseWasTakenOverNeitherOverwritesNorDeletes() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "paused")) {
            for (int m = 0; m < MINUTES; m++) {
                Instant t = H10.plusSeconds(60L * m);
                lake.write(lake.minuteKey(t, null), 0, (long) m * ROWS, (m + 1L) * ROWS, t, 100);
            }
            Map<String, String> env = new LinkedHashMap<>(lake.env());
            env.put("LEASE_TTL", "6s");
            StoredObject published;
            try (JvmProcess first = JvmProcess.of(Main.class)
                    .env(env)
                    .env(CrashHookFromEnv.PAUSE_VARIABLE, "before-upload")
                    .args("hour", "--now", NOW)
                    .start()) {
                assertTrue(
                        first.awaitOutput(CrashHookFromEnv.PAUSED + "before-upload", Duration.ofSeconds(90)),
                        first.output());
                signal("STOP", first.pid());
                try {
                    // a late flush into the same hour while the first run is stopped: coordinates nobody has merged
                    Instant late = H10.plusSeconds(60L * (MINUTES + 1));
                    lake.write(lake.minuteKey(late, null), 1, 0, LATE_ROWS, late, 100);
                    // the second run waits until the store's clock says the first's lease is a TTL old, then merges
                    assertEquals(0, lake.run(env, "hour", "--now", NOW), lake.output());
                    assertEquals(List.of(HOUR), lake.tierKeys());
                    published = lake.store.stat(HOUR).orElseThrow();
                } finally {
                    signal("CONT", first.pid());
                }
                assertNotEquals(0, first.awaitExit(Duration.ofSeconds(90)), first.output());
                assertTrue(first.output().contains("lease lost"), first.output());
            }
            assertEquals(published.etag(), lake.store.stat(HOUR).orElseThrow().etag(), "the target is not overwritten");
            assertEquals(List.of(HOUR), lake.tierKeys(), "nothing deleted, nothing added");
            long[] counts = lake.counts();
            assertEquals(MINUTES * ROWS + LATE_ROWS, counts[0], "rows: nothing missing");
            assertEquals(MINUTES * ROWS + LATE_ROWS, counts[1], "distinct coordinates: nothing twice");
            assertEquals(
                    List.of(List.of(0, (long) MINUTES * ROWS), List.of(1, (long) LATE_ROWS)),
                    lake.query("SELECT _kafka_partition, count(*) FROM LAKE GROUP BY 1 ORDER BY 1"));
            assertEquals(List.of(), lake.leaseKeys(), "the second run released the lease");
        }
    }

    /** {@code kill -<signal> <pid>}: SIGSTOP freezes the JVM as a paused pod would be, SIGCONT resumes it. */
    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
