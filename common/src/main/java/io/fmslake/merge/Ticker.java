package io.fmslake.merge;

/**
 * A monotonic clock in nanoseconds, for measuring how long ago something happened in this process (not a time of
 * day; only differences count). It keeps running while the process is paused, so a holder resumed after a pause
 * knows how long it was away. Production uses {@link #SYSTEM}; tests pass a fake they move by hand.
 */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
