package io.fmslake.backfill.progress;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one phase: done / total, rate and ETA. On a terminal it redraws a bar in place (at most five
 * times a second); otherwise (a pod's log) it writes a log line every {@code interval}, so
 * {@code kubectl logs -f job/backfill-loader} shows it. Thread-safe.
 */
public final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final int BAR = 30;

    private final String phase;
    private final String unit;
    private final long total;
    private final Clock clock;
    private final Duration interval;
    private final PrintStream terminal;
    private final long startMillis;
    private long done;
    private long lastShown;
    private long lastAdvance;

    /** @param terminal where to draw the bar, or null to log lines instead */
    public Progress(String phase, String unit, long total, Clock clock, Duration interval, PrintStream terminal) {
        this.phase = phase;
        this.unit = unit;
        this.total = total;
        this.clock = clock;
        this.interval = interval;
        this.terminal = terminal;
        this.startMillis = clock.millis();
        this.lastShown = startMillis;
        this.lastAdvance = startMillis;
    }

    public synchronized void update(long doneNow) {
        long now = clock.millis();
        if (doneNow != done) {
            lastAdvance = now;
        }
        done = doneNow;
        long every = terminal != null ? 200 : interval.toMillis();
        if (now - lastShown >= every) {
            lastShown = now;
            show(now);
        }
    }

    public synchronized void advance(long delta) {
        update(done + delta);
    }

    /** Shows the final state (a last bar with a line break, or a last log line). */
    public synchronized void finish() {
        show(clock.millis());
        if (terminal != null) {
            terminal.println();
            terminal.flush();
        }
    }

    public synchronized long done() {
        return done;
    }

    public long total() {
        return total;
    }

    /** When {@link #done()} last changed (the phase's start until then), epoch millis of the clock. */
    public synchronized long lastAdvanceMillis() {
        return lastAdvance;
    }

    /** Records per second since the phase started. */
    public synchronized double rate() {
        return rate(clock.millis());
    }

    private double rate(long now) {
        long elapsed = Math.max(1, now - startMillis);
        return done * 1000.0 / elapsed;
    }

    private void show(long now) {
        if (terminal != null) {
            terminal.print("\r" + bar(now));
            terminal.flush();
        } else {
            LOG.info("{}", line(now));
        }
    }

    String line(long now) {
        double rate = rate(now);
        return String.format(
                Locale.ROOT,
                "%s: %,d / %,d %s (%.1f%%), %,.0f %s/s, elapsed %s, ETA %s",
                phase,
                done,
                total,
                unit,
                percent(),
                rate,
                unit,
                duration(now - startMillis),
                eta(rate));
    }

    String bar(long now) {
        int filled = total == 0 ? BAR : (int) Math.min(BAR, done * BAR / total);
        double rate = rate(now);
        return String.format(
                Locale.ROOT,
                "%-10s [%s%s] %5.1f%%  %,d/%,d %s  %,.0f/s  ETA %s ",
                phase,
                "#".repeat(filled),
                ".".repeat(BAR - filled),
                percent(),
                done,
                total,
                unit,
                rate,
                eta(rate));
    }

    private double percent() {
        return total == 0 ? 100.0 : done * 100.0 / total;
    }

    private String eta(double rate) {
        if (done >= total) {
            return "0s";
        }
        if (rate <= 0) {
            return "?";
        }
        return duration((long) ((total - done) / rate * 1000));
    }

    /** {@code 42s}, {@code 3m05s}, {@code 2h07m}. */
    static String duration(long millis) {
        long s = millis / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
