package io.fmslake.merge;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} tests move by hand; starts at an arbitrary value, as a real one does. */
final class FakeTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong(1_234_567_890L);

    @Override
    public long nanos() {
        return nanos.get();
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
