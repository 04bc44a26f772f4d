package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real merger JVM halted (like kill -9) at each crash point by the test hook {@code FMS_TEST_CRASH_POINT}, then a
 * rerun: the lake converges with no loss and no duplicate.
 */
class CrashPointsIT {
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");
    private static final int FILES = 6;
    private static final int ROWS = 500;

    @ParameterizedTest
    @CsvSource({"reading, 0, 6", "after-upload, 1, 6", "mid-delete, 1, 3"})
    void aRerunAfterACrashConverges(String point, int hoursAfterCrash, int minutesAfterCrash) {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "crash-" + point)) {
            for (int m = 0; m < FILES; m++) {
                Instant t = H10.plusSeconds(60L * m);
                lake.write(lake.minuteKey(t, null), m % 2, m * ROWS, (m + 1) * ROWS, t, 100);
            }
            try (JvmProcess p = JvmProcess.of(Main.class)
                    .env(lake.env())
                    .env(CrashHookFromEnv.VARIABLE, point)
                    .args("hour", "--now", "2025-06-12T11:01:00Z")
                    .start()) {
                assertEquals(137, p.awaitExit(Duration.ofSeconds(60)), p.output());
                assertTrue(p.output().contains("test hook: halting at"), p.output());
            }
            List<String> keys = lake.tierKeys();
            assertEquals(
                    hoursAfterCrash,
                    keys.stream().filter(k -> k.startsWith("hour/")).count(),
                    keys.toString());
            assertEquals(
                    minutesAfterCrash,
                    keys.stream().filter(k -> k.startsWith("minute/")).count(),
                    keys.toString());

            // the crashed run's lease is still there: the rerun waits for its TTL (4 s), then takes it over
            assertEquals(List.of("_lease/hour/20250612_10_11.json"), lake.leaseKeys());
            assertEquals(0, lake.run("hour", "--now", "2025-06-12T11:01:00Z"), lake.output());
            assertEquals(List.of("hour/20250612_10_11.parquet"), lake.tierKeys());
            long[] counts = lake.counts();
            assertEquals(FILES * ROWS, counts[0]);
            assertEquals(FILES * ROWS, counts[1]);
            assertEquals(List.of(), lake.leaseKeys(), "lease released");
        }
    }

    @Test
    void aMergerKilledAfterTheFirstOfSeveralPartsConvergesOnRerun() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "crash-parts")) {
            for (int m = 0; m < FILES; m++) {
                Instant t = H10.plusSeconds(60L * m);
                lake.write(lake.minuteKey(t, null), m % 2, m * 5000L, (m + 1) * 5000L, t, 10);
            }
            java.util.Map<String, String> env = lake.env();
            env.put("TARGET_FILE_BYTES", "64KiB");
            try (JvmProcess p = JvmProcess.of(Main.class)
                    .env(env)
                    .env(CrashHookFromEnv.VARIABLE, "after-part")
                    .args("hour", "--now", "2025-06-12T11:01:00Z")
                    .start()) {
                assertEquals(137, p.awaitExit(Duration.ofSeconds(60)), p.output());
                assertTrue(p.output().contains("test hook: halting at AFTER_PART"), p.output());
            }
            List<String> keys = lake.tierKeys();
            assertEquals(
                    1,
                    keys.stream()
                            .filter(k -> k.startsWith("hour/20250612_10_11-part-"))
                            .count(),
                    keys.toString());
            assertEquals(
                    FILES, keys.stream().filter(k -> k.startsWith("minute/")).count(), keys.toString());
            long[] crashed = lake.counts();
            assertEquals(FILES * 5000L, crashed[1], "nothing missing after the crash");

            assertEquals(0, lake.run(env, "hour", "--now", "2025-06-12T11:01:00Z"), lake.output());
            keys = lake.tierKeys();
            assertTrue(
                    keys.size() >= 3 && keys.stream().allMatch(k -> k.startsWith("hour/20250612_10_11-part-")),
                    keys.toString());
            long[] counts = lake.counts();
            assertEquals(FILES * 5000L, counts[0]);
            assertEquals(FILES * 5000L, counts[1]);
            assertEquals(List.of(), lake.leaseKeys(), "lease released");
        }
    }
}
