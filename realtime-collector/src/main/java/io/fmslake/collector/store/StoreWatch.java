package io.fmslake.collector.store;

import io.fmslake.collector.http.Health;
import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.store.ObjectStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells within seconds whether the object store answers: a cheap probe (HEAD of a key that never exists) every
 * {@link #PROBE_EVERY}, judged every second. A probe unanswered for {@link #SILENT_AFTER}, or failing, makes the
 * store "not answering": {@code /readyz} 503 with the reason, {@code fms_collector_store_up} 0, one WARN line (and
 * one every half minute while it lasts); the first answer again turns all three back. The probe's own call is
 * bounded by the store's timeouts, so a silent store never holds the probe thread for long.
 */
public final class StoreWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWatch.class);
    static final String PROBE_KEY = "minute/.collector-liveness-probe";
    static final Duration PROBE_EVERY = Duration.ofSeconds(2);
    static final Duration SILENT_AFTER = Duration.ofSeconds(3);
    private static final long REMIND_NANOS = Duration.ofSeconds(30).toNanos();

    private final ObjectStore store;
    private final Health health;
    private final CollectorMetrics metrics;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "store-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile long pendingSince;
    private volatile String failure = "";
    private volatile boolean closed;
    private boolean down;
    private long downSince;
    private long lastWarn;

    public StoreWatch(ObjectStore store, Health health, CollectorMetrics metrics) {
        this.store = store;
        this.health = health;
        this.metrics = metrics;
        metrics.storeUp(true);
    }

    // the task catches and logs its own failures, so its Future has nothing to report; close() ends the timer
    @SuppressWarnings("FutureReturnValueIgnored")
    public StoreWatch start() {
        timer.scheduleWithFixedDelay(this::probe, 0, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::judge, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    void probe() {
        pendingSince = System.nanoTime();
        try {
            store.stat(PROBE_KEY);
            failure = "";
        } catch (RuntimeException e) {
            failure = String.valueOf(e.getMessage());
        } finally {
            pendingSince = 0;
        }
        judge();
    }

    synchronized void judge() {
        if (closed) {
            return; // the probe was interrupted by close()
        }
        long now = System.nanoTime();
        long pending = pendingSince;
        String problem = pending != 0 && now - pending > SILENT_AFTER.toNanos()
                ? "no answer to a HEAD request for " + (now - pending) / 1_000_000 + " ms (connect and request "
                        + "timeouts not yet reached)"
                : failure;
        boolean up = problem.isEmpty();
        if (!up && (!down || now - lastWarn > REMIND_NANOS)) {
            LOG.warn(
                    "object store {} not answering{}: {}; not ready, nothing committed past what is durable",
                    store.bucket(),
                    down ? " for " + (now - downSince) / 1_000_000_000 + " s" : "",
                    problem);
            lastWarn = now;
        }
        if (!up && !down) {
            downSince = now;
        }
        if (up && down) {
            LOG.info("object store {} answering again after {} s", store.bucket(), (now - downSince) / 1_000_000_000);
        }
        down = !up;
        health.storeAnswers(up, problem);
        metrics.storeUp(up);
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
