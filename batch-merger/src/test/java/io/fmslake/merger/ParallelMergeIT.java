package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.ProcessPause;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Leases per window with real merger JVMs. A run is stopped (SIGSTOP) at a test hook while it holds its window's
 * lease; meanwhile another run on the same, an overlapping or a disjoint window starts. The same or an overlapping
 * window: the other run waits (or, with no wait, fails cleanly having written nothing) and proceeds once the first
 * is resumed and done. A disjoint window: the other run completes while the first still holds its lease. DuckDB
 * counts the lake by Kafka coordinates after each: nothing missing, nothing twice.
 */
class ParallelMergeIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Instant H10 = Instant.parse("2025-06-12T10:00:00Z");
    private static final String HOUR_10 = "_lease/hour/20250612_10_11.json";
    private static final String DAY = "_lease/day/20250612.json";
    private static final int ROWS = 200;

    /** Four minute files in each of hours 10 and 11 of 2025-06-12; returns the rows written. */
    private static long dayOfMinutes(LakeFixture lake) {
        long rows = 0;
        for (int h = 0; h < 2; h++) {
            for (int m = 0; m < 4; m++) {
                Instant t = H10.plusSeconds(3600L * h + 60L * m);
                lake.write(lake.minuteKey(t, null), h, rows, rows + ROWS, t, 100);
                rows += ROWS;
            }
        }
        return rows;
    }

    /** The lake's environment with a TTL far longer than a stop lasts here, and this wait for leases. */
    private static Map<String, String> env(LakeFixture lake, String leaseWait) {
        Map<String, String> env = new LinkedHashMap<>(lake.env());
        env.put("LEASE_TTL", "90s");
        env.put("LEASE_WAIT", leaseWait);
        return env;
    }

    private static JvmProcess start(Map<String, String> env, String... args) {
        return JvmProcess.of(Main.class).env(env).args(args).start();
    }

    /** Starts a run that stops (SIGSTOP) at {@code point}, holding its lease. */
    private static JvmProcess startStopped(Map<String, String> env, String point, String... args) {
        JvmProcess p = JvmProcess.of(Main.class)
                .env(env)
                .env(CrashHookFromEnv.PAUSE_VARIABLE, point)
                .args(args)
                .start();
        assertTrue(p.awaitOutput(CrashHookFromEnv.PAUSED + point, WAIT), p.output());
        ProcessPause.stop(p.pid());
        return p;
    }

    /** True once the bucket's lease objects are {@code expected} (a waiting contender looks again every few seconds). */
    private static boolean awaitLeaseKeys(LakeFixture lake, List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!lake.leaseKeys().equals(expected)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** SIGCONT after a failed assertion, so that the process can be closed (killed) like any other. */
    private static void resumeIfStopped(JvmProcess p) {
        if (p.alive() && ProcessPause.stopped(p.pid())) {
            ProcessPause.resume(p.pid());
        }
    }

    private static void assertExact(LakeFixture lake, long rows) {
        long[] counts = lake.counts();
        assertEquals(rows, counts[0], "rows: nothing twice");
        assertEquals(rows, counts[1], "distinct coordinates: nothing missing");
        assertEquals(List.of(), lake.leaseKeys(), "every lease released");
    }

    @Test
    void twoRunsOfOneWindowAtOnceOneWaitsOrFailsCleanly() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "same-window")) {
            long rows = dayOfMinutes(lake);
            String[] hour = {"hour", "--window", "2025-06-12T10:00", "--now", "2025-06-12T12:01:00Z"};
            try (JvmProcess first = startStopped(env(lake, "0s"), "before-upload", hour)) {
                try (JvmProcess impatient = start(env(lake, "0s"), hour);
                        JvmProcess patient = start(env(lake, "120s"), hour)) {
                    assertEquals(1, impatient.awaitExit(WAIT), impatient.output());
                    assertTrue(
                            impatient.output().contains("lease " + HOUR_10 + " not acquired: held by"),
                            impatient.output());
                    assertEquals(8, lake.tierKeys().size(), "the run that gave up wrote nothing: " + lake.tierKeys());
                    assertTrue(patient.awaitOutput("waiting for it", WAIT), patient.output());
                    ProcessPause.resume(first.pid());
                    assertEquals(0, first.awaitExit(WAIT), first.output());
                    assertEquals(0, patient.awaitExit(WAIT), patient.output());
                    assertFalse(
                            patient.output().contains("merged hour/"),
                            "the hour was merged by the first run: " + patient.output());
                } finally {
                    resumeIfStopped(first);
                }
            }
            assertEquals(
                    List.of(
                            "minute/20250612_1100.parquet",
                            "minute/20250612_1101.parquet",
                            "minute/20250612_1102.parquet",
                            "minute/20250612_1103.parquet",
                            "hour/20250612_10_11.parquet"),
                    lake.tierKeys());
            assertExact(lake, rows);
        }
    }

    @Test
    void anHourRunWaitsWhileTheDayRunOfItsDayHoldsItsLease() throws InterruptedException {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "day-then-hour")) {
            long rows = dayOfMinutes(lake);
            String now = "2025-06-13T00:05:00Z";
            try (JvmProcess day =
                    startStopped(env(lake, "0s"), "reading", "day", "--window", "2025-06-12", "--now", now)) {
                try (JvmProcess hour = start(env(lake, "120s"), "hour", "--window", "2025-06-12T10:00", "--now", now)) {
                    assertTrue(hour.awaitOutput("waiting for it", WAIT), hour.output());
                    assertTrue(hour.output().contains("overlapping [" + DAY + " held by"), hour.output());
                    assertTrue(awaitLeaseKeys(lake, List.of(DAY)), "the finer run gave way: its own object is gone");
                    ProcessPause.resume(day.pid());
                    assertEquals(0, day.awaitExit(WAIT), day.output());
                    assertEquals(0, hour.awaitExit(WAIT), hour.output());
                    assertTrue(hour.output().contains("now lies inside day@2025-06-12T00:00"), hour.output());
                } finally {
                    resumeIfStopped(day);
                }
            }
            assertEquals(List.of("day/20250612.parquet"), lake.tierKeys());
            assertExact(lake, rows);
        }
    }

    @Test
    void theDayRunWaitsWhileAnHourRunOfItsDayHoldsItsLease() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "hour-then-day")) {
            long rows = dayOfMinutes(lake);
            String now = "2025-06-13T00:05:00Z";
            try (JvmProcess hour = startStopped(
                    env(lake, "0s"), "before-upload", "hour", "--window", "2025-06-12T10:00", "--now", now)) {
                try (JvmProcess day = start(env(lake, "120s"), "day", "--window", "2025-06-12", "--now", now)) {
                    assertTrue(day.awaitOutput("waiting for it", WAIT), day.output());
                    assertTrue(day.output().contains("overlapping [" + HOUR_10 + " held by"), day.output());
                    assertEquals(
                            List.of(DAY, HOUR_10),
                            lake.leaseKeys(),
                            "the coarser run keeps its object while it waits, so no new finer run starts");
                    ProcessPause.resume(hour.pid());
                    assertEquals(0, hour.awaitExit(WAIT), hour.output());
                    assertEquals(0, day.awaitExit(WAIT), day.output());
                    assertTrue(day.output().contains("merged day/20250612.parquet"), day.output());
                } finally {
                    resumeIfStopped(hour);
                }
            }
            assertEquals(List.of("day/20250612.parquet"), lake.tierKeys());
            assertExact(lake, rows);
        }
    }

    @Test
    void lastWeeksWeekRunAndTodaysHourRunProceedAtOnce() {
        try (LakeFixture lake = new LakeFixture(EmbeddedS3.shared(), "disjoint")) {
            long rows = 0;
            for (Instant day : List.of(Instant.parse("2025-06-03T08:00:00Z"), Instant.parse("2025-06-05T17:00:00Z"))) {
                for (int m = 0; m < 3; m++) {
                    Instant t = day.plusSeconds(60L * m);
                    lake.write(lake.minuteKey(t, null), 0, rows, rows + ROWS, t, 100);
                    rows += ROWS;
                }
            }
            for (int m = 0; m < 3; m++) {
                Instant t = H10.plusSeconds(60L * m);
                lake.write(lake.minuteKey(t, null), 1, rows, rows + ROWS, t, 100);
                rows += ROWS;
            }
            String now = "2025-06-12T11:01:00Z";
            try (JvmProcess week =
                    startStopped(env(lake, "0s"), "reading", "week", "--window", "2025-06-01", "--now", now)) {
                try {
                    // with no wait at all: any overlap with the stopped week run would make it fail
                    assertEquals(
                            0,
                            lake.run(env(lake, "0s"), "hour", "--window", "2025-06-12T10:00", "--now", now),
                            lake.output());
                    assertTrue(lake.output().contains("merged hour/20250612_10_11.parquet"), lake.output());
                    assertEquals(
                            List.of("_lease/week/20250601_20250607.json"),
                            lake.leaseKeys(),
                            "the week run held its lease all along");
                    assertTrue(ProcessPause.stopped(week.pid()), "and was stopped all along");
                    ProcessPause.resume(week.pid());
                    assertEquals(0, week.awaitExit(WAIT), week.output());
                } finally {
                    resumeIfStopped(week);
                }
            }
            assertEquals(List.of("hour/20250612_10_11.parquet", "week/20250601_20250607.parquet"), lake.tierKeys());
            assertExact(lake, rows);
        }
    }
}
