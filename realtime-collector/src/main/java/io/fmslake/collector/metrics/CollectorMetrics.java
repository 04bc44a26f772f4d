package io.fmslake.collector.metrics;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.publish.Publication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector's Prometheus metrics (names in docs/contract.md, "Metrics"). Thread-safe; counters are bumped by the poll thread and
 * the flush threads, gauges read values the poll thread publishes.
 */
public final class CollectorMetrics implements AutoCloseable {
    /** The kinds of store call counted in {@code store_errors_total{op}}, each exported from the start at 0. */
    public static final List<String> STORE_OPS = List.of("create", "replace", "put", "stat", "list", "read", "delete");

    private static final String P = "fms_collector_";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter consumed = counter("records_consumed", "records polled from Kafka");
    private final Counter written = counter("records_written", "rows written into minute files");
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private final Counter late = counter("records_late", "rows whose minute was already written on close");
    private final Counter alreadyDurable =
            counter("records_already_durable", "replayed records dropped because the lake already held them");
    private final Counter rowFiles = Counter.builder(P + "files_written")
            .tag("kind", "rows")
            .description("files written")
            .register(registry);
    private final Counter errorFiles = Counter.builder(P + "files_written")
            .tag("kind", "dead_letters")
            .description("files written")
            .register(registry);
    private final Counter bytes = counter("bytes_written", "bytes of files written");
    private final Counter storeFailures = counter("flush_failures", "flush jobs that failed (store or ownership)");
    private final Counter commits = counter("offset_commits", "successful offset commits");
    private final Timer flushDuration = Timer.builder(P + "flush_duration")
            .description("probe, encode and upload of one file")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
    private final Timer endToEnd = Timer.builder(P + "end_to_end_latency")
            .description("durable time minus event time, per written row")
            .publishPercentiles(0.5, 0.95, 0.99)
            .serviceLevelObjectives(
                    Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5))
            .register(registry);
    private final AtomicLong lastFlushMillis = new AtomicLong();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicLong bufferedRecords = new AtomicLong();
    private final AtomicLong paused = new AtomicLong();
    private final AtomicLong storeUp = new AtomicLong();
    private final Map<String, Counter> storeErrors = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> lag = new ConcurrentHashMap<>();
    private final Map<Integer, Meter.Id> lagIds = new ConcurrentHashMap<>();
    private final JobStatusGauges jobStatus = new JobStatusGauges(registry);

    public CollectorMetrics() {
        DeadLetter.REASONS.forEach(this::deadLetterCounter); // every reason shows, at 0 until it happens
        STORE_OPS.forEach(this::storeErrorCounter);
        Gauge.builder(P + "last_flush_timestamp_seconds", lastFlushMillis, v -> v.get() / 1000.0)
                .description("time of the last successful flush")
                .register(registry);
        Gauge.builder(P + "buffered_bytes", bufferedBytes, AtomicLong::get)
                .description("estimated heap held by buffered records, in-flight flushes included")
                .register(registry);
        Gauge.builder(P + "buffered_records", bufferedRecords, AtomicLong::get)
                .description("records buffered, in-flight flushes included")
                .register(registry);
        Gauge.builder(P + "paused", paused, AtomicLong::get)
                .description("1 while consumption is paused because the buffer is full")
                .register(registry);
        Gauge.builder(P + "store_up", storeUp, AtomicLong::get)
                .description("1 while the object store answers (background probe and every call), else 0")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(P + name).description(description).register(registry);
    }

    public void consumed(long n) {
        consumed.increment(n);
    }

    /** Counts one dead letter under its reason ({@link DeadLetter#reason()}). */
    public void deadLettered(String reason) {
        deadLetterCounter(reason).increment();
    }

    private Counter deadLetterCounter(String reason) {
        return deadLettered.computeIfAbsent(
                reason,
                r -> Counter.builder(P + "records_dead_lettered")
                        .tag("reason", r)
                        .description("records that became dead letters, by reason")
                        .register(registry));
    }

    public void late(long n) {
        late.increment(n);
    }

    public void flushFailed() {
        storeFailures.increment();
    }

    /** The store answers (1) or not (0). */
    public void storeUp(boolean up) {
        storeUp.set(up ? 1 : 0);
    }

    /** A store call failed; {@code op} is the kind of call (create, put, stat, list, read...). */
    public void storeError(String op) {
        storeErrorCounter(op).increment();
    }

    private Counter storeErrorCounter(String op) {
        return storeErrors.computeIfAbsent(
                op,
                o -> Counter.builder(P + "store_errors")
                        .tag("op", o)
                        .description("object store calls that failed (timeouts and errors after retries)")
                        .register(registry));
    }

    /** The gauges of the merger's, verify's and the backfill's last runs (NaN until read from the bucket). */
    public JobStatusGauges jobStatus() {
        return jobStatus;
    }

    /** Registers the gauge of the seconds left in the membership lease (negative: expired, uploads refused). */
    public void leaseRemaining(java.util.function.DoubleSupplier seconds) {
        Gauge.builder(P + "membership_lease_seconds", seconds, java.util.function.DoubleSupplier::getAsDouble)
                .description("seconds until the upload lease ends without a new confirmed contact with the group")
                .register(registry);
    }

    public void committed() {
        commits.increment();
    }

    /** Counts a publication: files, bytes, written and already durable records, duration. */
    public void published(Publication p) {
        alreadyDurable.increment(p.alreadyDurable());
        flushDuration.record(p.duration());
        lastFlushMillis.set(p.durableAt().toEpochMilli());
        if (p.wroteFile()) {
            (p.deadLetters() ? errorFiles : rowFiles).increment();
            bytes.increment(p.bytes());
            if (!p.deadLetters()) {
                written.increment(p.rows());
            }
        }
    }

    /** One end-to-end latency sample: a row of this event time became durable at {@code durableMillis}. */
    public void latency(long durableMillis, long eventTimeMillis) {
        endToEnd.record(Math.max(0, durableMillis - eventTimeMillis), TimeUnit.MILLISECONDS);
    }

    public void buffered(long estimatedBytes, long records) {
        bufferedBytes.set(estimatedBytes);
        bufferedRecords.set(records);
    }

    public void paused(boolean on) {
        paused.set(on ? 1 : 0);
    }

    /** Counts offsets of a partition that Kafka deleted (retention) before the group read them. */
    public void retentionGap(int partition, long offsets) {
        retentionGapCounter(partition).increment(offsets);
    }

    private Counter retentionGapCounter(int partition) {
        return Counter.builder(P + "retention_gap_records")
                .tag("partition", Integer.toString(partition))
                .description("offsets deleted by Kafka retention before the group read them (a gap in the lake)")
                .register(registry);
    }

    /** Sets the consumer lag of a partition (log end minus position), registering its gauge on first use. */
    public void lag(int partition, long value) {
        lag.computeIfAbsent(partition, p -> {
                    retentionGapCounter(
                            p); // at 0 from the first lag sample on, so that an alert sees its first increase
                    AtomicLong v = new AtomicLong();
                    lagIds.put(
                            p,
                            Gauge.builder(P + "consumer_lag", v, AtomicLong::get)
                                    .tags(Tags.of("partition", Integer.toString(p)))
                                    .description("log end offset minus consumer position")
                                    .register(registry)
                                    .getId());
                    return v;
                })
                .set(value);
    }

    /** Removes the lag gauge of a partition this replica no longer owns. */
    public void lagGone(int partition) {
        lag.remove(partition);
        Meter.Id id = lagIds.remove(partition);
        if (id != null) {
            registry.remove(id);
        }
    }

    public long recordsWritten() {
        return (long) written.count();
    }

    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        registry.close();
    }
}
