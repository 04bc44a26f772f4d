package io.fmslake.collector;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Graceful stop on SIGTERM and SIGINT. A signal handler (not a shutdown hook) lets the poll loop finish, write and
 * commit, and the process then exit with status 0; a JVM that exits through its shutdown hooks after SIGTERM
 * reports 143. A shutdown hook still stops the collector on any other way out (System.exit, SIGHUP).
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    static void onTerminate(Runnable stop) {
        AtomicBoolean once = new AtomicBoolean();
        Runnable stopOnce = () -> {
            if (once.compareAndSet(false, true)) {
                stop.run();
            }
        };
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    LOG.info("SIG{} received: writing buffered minutes, committing, stopping", name);
                    Thread t = new Thread(stopOnce, "stop-on-sig" + name.toLowerCase(Locale.ROOT));
                    t.start();
                });
            } catch (IllegalArgumentException e) {
                LOG.warn("cannot handle SIG{} on this platform; relying on the shutdown hook", name);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stopOnce, "stop-on-exit"));
    }
}
