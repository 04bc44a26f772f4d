package io.fmslake.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.store.ObjectStore;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StatusRecorderTest {
    private static final Instant T0 = Instant.parse("2025-06-12T11:01:00Z");
    private static final Identity WHO = new Identity("batch-merger", "1.2.3", "pod-7");

    private final MemoryObjectStore store = new MemoryObjectStore();
    private final MutableClock clock = new MutableClock(T0);

    private StatusRecorder recorder(String job) {
        return new StatusRecorder(() -> Optional.<ObjectStore>of(store), job, WHO, clock);
    }

    private JobStatus read(String job) {
        return JobStatus.parse(store.bytes(JobStatus.key(job)));
    }

    @Test
    void aSuccessIsItsOwnLastSuccessAndAFailureLaterKeepsIt() {
        clock.advance(Duration.ofSeconds(30));
        recorder("merge-hour").finished(T0, 0, "", Map.of("windows", 1));
        JobStatus ok = read("merge-hour");
        assertEquals(JobStatus.Outcome.SUCCESS, ok.outcome());
        assertEquals(Optional.of(T0.plusSeconds(30)), ok.lastSuccess());
        assertEquals(OptionalDouble.of(30), ok.durationSeconds());
        assertEquals("pod-7", ok.host());
        assertEquals("1.2.3", ok.version());

        clock.advance(Duration.ofHours(1));
        Instant second = clock.instant();
        clock.advance(Duration.ofSeconds(5));
        recorder("merge-hour").finished(second, 1, "lease lost:\n  held by x", Map.of("windows", 0));
        JobStatus failed = read("merge-hour");
        assertEquals(JobStatus.Outcome.FAILED, failed.outcome());
        assertEquals(OptionalInt.of(1), failed.exitCode());
        assertEquals("lease lost: | held by x", failed.error());
        assertEquals(Optional.of(T0.plusSeconds(30)), failed.lastSuccess(), "carried over from the previous object");
        assertEquals(Optional.of(second.plusSeconds(5)), failed.finished());
    }

    @Test
    void aRunningRunIsOverwrittenByItsEnd() {
        StatusRecorder r = recorder("backfill");
        r.running(T0, Map.of("records_done", 5L, "phase", "reading"));
        assertEquals(JobStatus.Outcome.RUNNING, read("backfill").outcome());
        clock.advance(Duration.ofSeconds(10));
        r.finished(T0, 0, "", Map.of("records_done", 10L, "finished", true));
        JobStatus done = read("backfill");
        assertEquals(JobStatus.Outcome.SUCCESS, done.outcome());
        assertEquals(OptionalDouble.of(10), done.number("records_done"));
    }

    @Test
    void aStoreThatRefusesOrIsMissingNeverFailsTheRun() {
        store.failWhen(k -> k.startsWith(JobStatus.PREFIX));
        recorder("verify").finished(T0, 0, "", Map.of());
        recorder("verify").running(T0, Map.of());
        assertFalse(store.keys().contains(JobStatus.key("verify")));

        new StatusRecorder(Optional::empty, "verify", WHO, clock).finished(T0, 1, "x", Map.of());
        new StatusRecorder(
                        () -> {
                            throw new IllegalStateException("cannot open");
                        },
                        "verify",
                        WHO,
                        clock)
                .finished(T0, 1, "x", Map.of());
        store.heal();
        assertTrue(store.keys().stream().noneMatch(k -> k.startsWith(JobStatus.PREFIX)));
    }

    @Test
    void anUnreadablePreviousObjectIsReplacedWithoutALastSuccess() {
        store.put(JobStatus.key("merge-day"), "garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        recorder("merge-day").finished(T0, 1, "boom", Map.of());
        assertEquals(Optional.empty(), read("merge-day").lastSuccess());
    }

    @Test
    void longErrorsAreCutToOneLine() {
        String line = StatusRecorder.oneLine(new IllegalStateException("a\nb\n" + "x".repeat(500)));
        assertTrue(line.startsWith("IllegalStateException: a | b | x"), line);
        assertEquals(300, line.length());
    }
}
