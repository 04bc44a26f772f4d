package io.fmslake.backfill.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fmslake.config.ConfigException;
import io.fmslake.status.Identity;
import io.fmslake.status.JobStatus;
import io.fmslake.status.StatusRecorder;
import io.fmslake.store.ObjectStore;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StatusReporterTest {
    private static final Instant T0 = Instant.parse("2025-06-12T11:00:00Z");

    private final MemoryObjectStore store = new MemoryObjectStore();
    private final MutableClock clock = new MutableClock(T0);
    private final StatusReporter reporter = new StatusReporter(
            new StatusRecorder(
                    () -> Optional.<ObjectStore>of(store),
                    JobStatus.BACKFILL,
                    new Identity("backfill-loader", "1", "h"),
                    clock),
            clock,
            Duration.ofSeconds(10));

    private JobStatus status() {
        return JobStatus.parse(store.bytes(JobStatus.key(JobStatus.BACKFILL)));
    }

    @Test
    void progressWhileRunningAStallThatShowsAndTheEnd() {
        reporter.report();
        assertEquals("hand-over", status().details().get("phase"));
        assertEquals(OptionalDouble.of(0), status().number("records_total"));

        Progress reading = new Progress("reading", "records", 100, clock, Duration.ofSeconds(10), null);
        reporter.reading(reading);
        clock.advance(Duration.ofSeconds(5));
        reading.update(50);
        reporter.report();
        JobStatus running = status();
        assertEquals(JobStatus.Outcome.RUNNING, running.outcome());
        assertEquals(OptionalDouble.of(50), running.number("records_done"));
        assertEquals(OptionalDouble.of(100), running.number("records_total"));
        assertEquals(Optional.of(T0.plusSeconds(5)), running.instant("last_progress"));
        assertEquals(OptionalDouble.of(0), running.number("finished"));

        clock.advance(Duration.ofMinutes(30)); // nothing moves: last_progress stays, the report time moves on
        reading.update(50);
        reporter.report();
        assertEquals(Optional.of(T0.plusSeconds(5)), status().instant("last_progress"));
        assertEquals(Optional.of(clock.instant()), status().instant("reported"));

        reading.update(100);
        Progress publishing = new Progress("publishing", "windows", 3, clock, Duration.ofSeconds(10), null);
        reporter.publishing(publishing);
        clock.advance(Duration.ofSeconds(2));
        publishing.update(3);
        reporter.finished(0, "");
        reporter.report(); // a late tick of the timer must not turn the end back into "running"
        JobStatus done = status();
        assertEquals(JobStatus.Outcome.SUCCESS, done.outcome());
        assertEquals(OptionalInt.of(0), done.exitCode());
        assertEquals("done", done.details().get("phase"));
        assertEquals(OptionalDouble.of(100), done.number("records_done"));
        assertEquals(OptionalDouble.of(3), done.number("windows_done"));
        assertEquals(OptionalDouble.of(1), done.number("finished"));
        assertEquals(Optional.of(clock.instant()), done.instant("last_progress"));
    }

    @Test
    void aFailureIsRecordedWithItsExitStatusAndNotFinished() {
        reporter.failed(new ConfigException(List.of("KAFKA_TOPIC=x: differs")));
        assertEquals(OptionalInt.of(2), status().exitCode());
        assertEquals(OptionalDouble.of(0), status().number("finished"));
        reporter.failed(new IllegalStateException("boom"));
        assertEquals(OptionalInt.of(1), status().exitCode());
        assertEquals(JobStatus.Outcome.FAILED, status().outcome());
        assertEquals("IllegalStateException: boom", status().error());
    }
}
