package io.fmslake.backfill.progress;

import io.fmslake.config.ConfigException;
import io.fmslake.status.StatusRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The backfill's status in the bucket ({@code _lake/status/backfill.json}): written when the run starts, every
 * progress interval while it runs (so a stalled load is visible: its {@code last_progress} stops moving), and at the
 * end. Records done and total come from the reading phase, windows from the publishing phase. Thread-safe.
 */
public final class StatusReporter implements AutoCloseable {
    private final StatusRecorder recorder;
    private final Clock clock;
    private final Duration interval;
    private final Instant started;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "backfill-status");
        t.setDaemon(true);
        return t;
    });
    private String phase = "hand-over";
    private Progress reading;
    private Progress publishing;
    private boolean ended;

    public StatusReporter(StatusRecorder recorder, Clock clock, Duration interval) {
        this.recorder = recorder;
        this.clock = clock;
        this.interval = interval;
        this.started = clock.instant();
    }

    /** Writes the first status and then one every interval until {@link #finished} or {@link #close}. */
    // the task catches and logs its own failures, so its Future has nothing to report; close() ends the timer
    @SuppressWarnings("FutureReturnValueIgnored")
    public StatusReporter start() {
        timer.scheduleWithFixedDelay(this::report, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The reading phase starts: records done / total. */
    public synchronized void reading(Progress p) {
        phase = "reading";
        reading = p;
    }

    /** The publishing phase starts: windows done / total. */
    public synchronized void publishing(Progress p) {
        phase = "publishing";
        publishing = p;
    }

    /** Writes the current state as a running run (unless it has ended). */
    public void report() {
        Map<String, Object> d;
        synchronized (this) {
            if (ended) {
                return;
            }
            d = details(false);
        }
        recorder.running(started, d);
    }

    /** Writes the end: exit status 0 (loaded, {@code finished: true}) or the failure. */
    public void finished(int exitCode, String error) {
        Map<String, Object> d;
        synchronized (this) {
            ended = true;
            if (exitCode == 0) {
                phase = "done";
            }
            d = details(exitCode == 0);
        }
        timer.shutdownNow();
        recorder.finished(started, exitCode, error, d);
    }

    /** Records a run that ends with {@code e}: exit status 2 for a configuration refusal, else 1. */
    public void failed(Throwable e) {
        finished(e instanceof ConfigException ? 2 : 1, StatusRecorder.oneLine(e));
    }

    private Map<String, Object> details(boolean finished) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("phase", phase);
        d.put("records_done", reading == null ? 0 : reading.done());
        d.put("records_total", reading == null ? 0 : reading.total());
        d.put("windows_done", publishing == null ? 0 : publishing.done());
        d.put("windows_total", publishing == null ? 0 : publishing.total());
        long last = started.toEpochMilli();
        for (Progress p : new Progress[] {reading, publishing}) {
            if (p != null) {
                last = Math.max(last, p.lastAdvanceMillis());
            }
        }
        d.put("last_progress", Instant.ofEpochMilli(last));
        d.put("finished", finished);
        d.put("reported", clock.instant());
        return d;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
