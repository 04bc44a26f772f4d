package io.fmslake.backfill.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    /** A clock the test moves. */
    static final class Ticking extends Clock {
        final AtomicLong millis = new AtomicLong(1_000_000);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void logLinesShowDoneTotalRateAndEta() {
        Ticking clock = new Ticking();
        Progress p = new Progress("reading", "records", 2_000_000, clock, Duration.ofSeconds(10), null);
        clock.millis.addAndGet(4_000);
        p.update(500_000);
        String line = p.line(clock.millis());
        assertEquals("reading: 500,000 / 2,000,000 records (25.0%), 125,000 records/s, elapsed 4s, ETA 12s", line);
    }

    @Test
    void theBarIsRedrawnInPlaceOnATerminal() {
        Ticking clock = new Ticking();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(
                "reading",
                "records",
                1000,
                clock,
                Duration.ofSeconds(10),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        clock.millis.addAndGet(1_000);
        p.update(500);
        clock.millis.addAndGet(50);
        p.update(600); // too soon to redraw
        clock.millis.addAndGet(950);
        p.update(1000);
        p.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, out.split("\r", -1).length - 1, out);
        assertTrue(out.contains("[###############...............]  50.0%  500/1,000 records  500/s  ETA 1s"), out);
        assertTrue(out.endsWith("100.0%  1,000/1,000 records  500/s  ETA 0s \n"), out);
    }

    @Test
    void durationsReadLikeAClock() {
        assertEquals("42s", Progress.duration(42_999));
        assertEquals("3m05s", Progress.duration(185_000));
        assertEquals("2h07m", Progress.duration(7_620_000));
    }
}
