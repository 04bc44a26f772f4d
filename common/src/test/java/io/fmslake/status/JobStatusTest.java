package io.fmslake.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class JobStatusTest {
    private static final Instant T0 = Instant.parse("2025-06-12T11:01:00Z");

    @Test
    void aFinishedRunSurvivesItsJsonWithDetailsNestedMapsAndInstants() {
        Map<String, Object> lake = new LinkedHashMap<>();
        lake.put("hour", Map.of("files", 3, "bytes", 12345L));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("windows", 2);
        details.put("lease_wait_seconds", 1.5);
        details.put("finished", true);
        details.put("last_progress", T0.plusSeconds(5));
        details.put("lake", lake);
        JobStatus s = new JobStatus(
                "merge-hour",
                "batch-merger",
                "1.0",
                "pod-1",
                T0,
                Optional.of(T0.plusSeconds(12)),
                JobStatus.Outcome.FAILED,
                OptionalInt.of(1),
                "lease lost",
                Optional.of(T0.minusSeconds(3600)),
                details);

        String json = new String(s.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"outcome\" : \"failed\""), json);
        assertTrue(json.contains("\"duration_seconds\" : 12.0"), json);
        assertTrue(json.contains("\"last_progress\" : \"2025-06-12T11:01:05Z\""), json);
        JobStatus back = JobStatus.parse(s.toJson());
        assertEquals(s.job(), back.job());
        assertEquals(s.started(), back.started());
        assertEquals(s.finished(), back.finished());
        assertEquals(s.outcome(), back.outcome());
        assertEquals(s.exitCode(), back.exitCode());
        assertEquals("lease lost", back.error());
        assertEquals(s.lastSuccess(), back.lastSuccess());
        assertEquals(OptionalDouble.of(2), back.number("windows"));
        assertEquals(OptionalDouble.of(1.5), back.number("lease_wait_seconds"));
        assertEquals(OptionalDouble.of(1), back.number("finished"));
        assertEquals(OptionalDouble.of(12345), back.number("lake", "hour", "bytes"));
        assertEquals(OptionalDouble.empty(), back.number("lake", "day", "bytes"));
        assertEquals(Optional.of(T0.plusSeconds(5)), back.instant("last_progress"));
        assertEquals("merge-hour", back.job());
        assertEquals("_lake/status/merge-hour.json", back.key());
    }

    @Test
    void aRunningRunHasNoEndNoExitCodeAndNoDuration() {
        JobStatus s = new JobStatus(
                "backfill",
                "backfill-loader",
                "dev",
                "h",
                T0,
                Optional.empty(),
                JobStatus.Outcome.RUNNING,
                OptionalInt.empty(),
                null,
                Optional.empty(),
                Map.of("records_done", 10L));
        JobStatus back = JobStatus.parse(s.toJson());
        assertEquals(JobStatus.Outcome.RUNNING, back.outcome());
        assertEquals(Optional.empty(), back.finished());
        assertEquals(OptionalInt.empty(), back.exitCode());
        assertEquals(OptionalDouble.empty(), back.durationSeconds());
        assertEquals("", back.error());
        assertEquals(OptionalDouble.of(10), back.number("records_done"));
    }

    @Test
    void somethingElseIsNotAJobStatus() {
        assertThrows(IllegalArgumentException.class, () -> JobStatus.parse("[1]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                IllegalArgumentException.class,
                () -> JobStatus.parse("{\"job\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                IllegalArgumentException.class, () -> JobStatus.parse("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theConsoleShowsJobOutcomeTimesAndWriter() {
        JobStatus running = new JobStatus(
                "backfill-3",
                "backfill-loader",
                "1.2",
                "pod-3",
                T0,
                Optional.empty(),
                JobStatus.Outcome.RUNNING,
                OptionalInt.empty(),
                "",
                Optional.empty(),
                Map.of());
        assertEquals(
                Map.of(
                        "fms-job",
                        "backfill-3",
                        "fms-outcome",
                        "running",
                        "fms-started",
                        "2025-06-12T11:01:00Z",
                        "fms-service",
                        "backfill-loader",
                        "fms-version",
                        "1.2"),
                running.metadata().entries());

        JobStatus failed = new JobStatus(
                "verify",
                "batch-merger",
                "1.2",
                "pod",
                T0,
                Optional.of(T0.plusSeconds(9)),
                JobStatus.Outcome.FAILED,
                OptionalInt.of(1),
                "missing records",
                Optional.empty(),
                Map.of());
        assertEquals("failed", failed.metadata().get("fms-outcome"));
        assertEquals("2025-06-12T11:01:09Z", failed.metadata().get("fms-finished"));
    }
}
