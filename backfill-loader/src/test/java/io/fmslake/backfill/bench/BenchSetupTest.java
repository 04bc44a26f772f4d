package io.fmslake.backfill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The benchmark runs the image's JVM flags and a fixed tier clock (its figures depend on both). */
class BenchSetupTest {

    @Test
    void theFlagsAreTheImageEntrypointsBetweenJavaAndTheJarWithoutTheHeapPercentage() throws IOException {
        String flags = ImageFlags.of(Path.of("Dockerfile")); // tests run in the module's directory
        assertTrue(flags.startsWith("-XX:+UseParallelGC "), flags);
        assertTrue(flags.contains("-XX:CompileThresholdScaling="), flags);
        assertFalse(flags.contains("MaxRAMPercentage"), flags);
        assertFalse(flags.contains("-jar") || flags.contains("java ") || flags.contains(".jar"), flags);
    }

    @Test
    void theHistoryEndsAtTheLatestWednesdayHalfPastNoonUtc() {
        Instant wednesday = Instant.parse("2026-12-02T12:30:00Z");
        assertEquals(wednesday, BackfillBench.referenceNow(Instant.parse("2026-12-04T21:45:00Z")), "Friday");
        assertEquals(wednesday, BackfillBench.referenceNow(wednesday), "that very instant");
        assertEquals(
                wednesday,
                BackfillBench.referenceNow(Instant.parse("2026-12-09T12:29:59Z")),
                "the next Wednesday before 12:30");
        assertEquals(
                Instant.parse("2026-12-09T12:30:00Z"),
                BackfillBench.referenceNow(Instant.parse("2026-12-09T12:30:01Z")));
    }
}
