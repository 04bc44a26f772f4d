package io.fmslake.collector.http;

import java.time.Clock;

/**
 * Liveness and readiness as the poll loop, the flushes and the store watch report them. Live: not failed, and once
 * the poll loop runs, it turned recently (waiting for the store at start is alive). Ready: started, not stopping,
 * the last flush did not fail, and the object store answers.
 */
public final class Health {
    /** The poll loop turns at least every poll timeout; longer silence than this means it is stuck. */
    static final long STUCK_MILLIS = 120_000;

    private final Clock clock;
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile String waiting = "";
    private volatile boolean storeOk = true;
    private volatile String storeProblem = "";
    private volatile boolean storeAnswers = true;
    private volatile String storeSilence = "";
    private volatile String fatal = "";
    private volatile long lastTurnMillis;

    public Health(Clock clock) {
        this.clock = clock;
        this.lastTurnMillis = clock.millis();
    }

    /** Not started yet because of {@code reason} (e.g. the object store cannot be reached). */
    public void waiting(String reason) {
        waiting = reason;
    }

    public void started() {
        waiting = "";
        started = true;
        turned();
    }

    public void turned() {
        lastTurnMillis = clock.millis();
    }

    public void stopping() {
        stopping = true;
    }

    /** The last flush succeeded. */
    public void storeOk() {
        storeOk = true;
        storeProblem = "";
    }

    /** The last flush failed (the store, or the membership lease). */
    public void storeFailing(String problem) {
        storeOk = false;
        storeProblem = problem;
    }

    /** The store watch's verdict: the store answers, or not and why. */
    public void storeAnswers(boolean answers, String problem) {
        storeSilence = answers ? "" : problem;
        storeAnswers = answers;
    }

    public void fatal(String problem) {
        fatal = problem;
    }

    public boolean live() {
        return fatal.isEmpty() && (!started || clock.millis() - lastTurnMillis < STUCK_MILLIS);
    }

    public boolean ready() {
        return started && !stopping && storeOk && storeAnswers && live();
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
            return waiting.isEmpty() ? "starting" : "waiting: " + waiting;
        }
        if (!storeAnswers) {
            return "object store not answering: " + storeSilence;
        }
        return storeOk ? "ok" : "writing failing: " + storeProblem;
    }
}
