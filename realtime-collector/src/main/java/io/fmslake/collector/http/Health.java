package io.fmslake.collector.http;

import java.time.Clock;

/**
 * Liveness and readiness as the poll loop and the flushes report them. Live: the poll loop is running and turned
 * recently. Ready: started, not stopping, and the object store accepted the last flush (false while MinIO fails).
 */
public final class Health {
    /** The poll loop turns at least every poll timeout; longer silence than this means it is stuck. */
    static final long STUCK_MILLIS = 120_000;

    private final Clock clock;
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile boolean storeOk = true;
    private volatile String storeProblem = "";
    private volatile String fatal = "";
    private volatile long lastTurnMillis;

    public Health(Clock clock) {
        this.clock = clock;
        this.lastTurnMillis = clock.millis();
    }

    public void started() {
        started = true;
        turned();
    }

    public void turned() {
        lastTurnMillis = clock.millis();
    }

    public void stopping() {
        stopping = true;
    }

    public void storeOk() {
        storeOk = true;
        storeProblem = "";
    }

    public void storeFailing(String problem) {
        storeOk = false;
        storeProblem = problem;
    }

    public void fatal(String problem) {
        fatal = problem;
    }

    public boolean live() {
        return fatal.isEmpty() && clock.millis() - lastTurnMillis < STUCK_MILLIS;
    }

    public boolean ready() {
        return started && !stopping && storeOk && live();
    }

    /** A one-line reason, for the HTTP body. */
    public String describe() {
        if (!fatal.isEmpty()) {
            return "failed: " + fatal;
        }
        if (!live()) {
            return "poll loop stuck for " + (clock.millis() - lastTurnMillis) + " ms";
        }
        if (stopping) {
            return "stopping";
        }
        if (!started) {
            return "starting";
        }
        return storeOk ? "ok" : "object store failing: " + storeProblem;
    }
}
