package io.fmslake.collector.http;

import io.fmslake.collector.metrics.CollectorMetrics;
import java.time.Clock;

/**
 * Health, metrics and the HTTP endpoints serving them: up before anything else, so that a collector waiting for
 * its object store at start answers {@code /healthz} 200 and {@code /readyz} 503 with the reason.
 */
public final class Serving implements AutoCloseable {
    private final Health health;
    private final CollectorMetrics metrics;
    private final HttpEndpoints http;
    private boolean closed;

    private Serving(Health health, CollectorMetrics metrics, HttpEndpoints http) {
        this.health = health;
        this.metrics = metrics;
        this.http = http;
    }

    /** Binds the port (0 picks a free one) and serves. */
    public static Serving start(int port, Clock clock) {
        Health health = new Health(clock);
        CollectorMetrics metrics = new CollectorMetrics();
        return new Serving(health, metrics, HttpEndpoints.start(port, health, metrics));
    }

    public Health health() {
        return health;
    }

    public CollectorMetrics metrics() {
        return metrics;
    }

    public int port() {
        return http.port();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            http.close();
            metrics.close();
        }
    }
}
