package io.fmslake.local;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop: a signal handler, not a shutdown hook, so the stack stops in
 * order (children first, then Kafka and S3) while the JVM is still whole, and exits 0.
 */
final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);

    /** Installs the handlers for INT and TERM. */
    StopSignal install() {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s -> request());
        }
        return this;
    }

    void request() {
        requested.countDown();
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code timeout}; true when a stop was requested. */
    boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
