package io.fmslake.collector.consume;

import io.fmslake.collector.flush.Ownership;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Renews the {@link Ownership} lease from the consumer's own view of its group membership: the classic
 * protocol's {@code last-heartbeat-seconds-ago}. The coordinator evicts a member after {@code session.timeout.ms}
 * without heartbeats; the lease ends a safety margin earlier, so a replica cut off from the coordinator stops
 * uploading before another replica can have taken its partitions over.
 */
final class HeartbeatWatch {
    static final String METRIC = "last-heartbeat-seconds-ago";
    static final String GROUP = "consumer-coordinator-metrics";
    private static final long SAMPLE_EVERY_MILLIS = 1000;

    private final Consumer<byte[], byte[]> consumer;
    private final Ownership ownership;
    private final Clock clock;
    private final long leaseMillis;
    private Metric metric;
    private long lastSample;

    HeartbeatWatch(Consumer<byte[], byte[]> consumer, Ownership ownership, Clock clock, long sessionTimeoutMillis,
                   long marginMillis) {
        this.consumer = consumer;
        this.ownership = ownership;
        this.clock = clock;
        this.leaseMillis = Math.max(1000, sessionTimeoutMillis - marginMillis);
    }

    void sample() {
        long now = clock.millis();
        if (now - lastSample < SAMPLE_EVERY_MILLIS) {
            return;
        }
        lastSample = now;
        if (metric == null) {
            for (Map.Entry<MetricName, ? extends Metric> e : consumer.metrics().entrySet()) {
                if (e.getKey().name().equals(METRIC) && e.getKey().group().equals(GROUP)) {
                    metric = e.getValue();
                }
            }
        }
        Object value = metric == null ? null : metric.metricValue();
        double ago = value instanceof Number n ? n.doubleValue() : Double.NaN;
        // NaN: no heartbeat sent yet (the member just joined); the seconds are truncated, hence the extra second
        long heard = Double.isNaN(ago) ? now : now - (long) (ago * 1000) - 1000;
        ownership.heard(heard, leaseMillis);
    }
}
