package io.fmslake.collector;

import static org.junit.jupiter.api.Assertions.fail;

import io.fmslake.config.LakeSettings;
import io.fmslake.kafka.Offsets;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.ObjectStores;
import io.fmslake.testkit.EmbeddedKafka;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.KafkaBroker;
import io.fmslake.testkit.LakeEnv;
import io.fmslake.testkit.S3Endpoint;
import io.fmslake.testkit.TestProducer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * One integration test's world: a fresh topic, bucket and group on the embedded servers, a producer of FMS-like
 * records, the collector's environment, and audits of the lake.
 */
public final class TestBed implements AutoCloseable {
    public final KafkaBroker kafka;
    public final S3Endpoint s3;
    public final String topic;
    public final String bucket;
    public final String group;
    public final Path work;
    private final Admin admin;
    private final TestProducer producer;
    private ObjectStore store;

    public TestBed(String name, int partitions, Path work) {
        this(name, partitions, work, EmbeddedKafka.shared(), EmbeddedS3.shared());
    }

    public TestBed(String name, int partitions, Path work, KafkaBroker kafka, S3Endpoint s3) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        this.kafka = kafka;
        this.s3 = s3;
        this.topic = name + "-" + id;
        this.bucket = ("it-" + name + "-" + id).toLowerCase(Locale.ROOT);
        this.group = "collector-" + id;
        this.work = work;
        kafka.createTopic(topic, partitions);
        this.admin = kafka.admin();
        this.producer = kafka.producer();
    }

    /** The collector's environment: test servers, fast windows and sessions, any free HTTP port. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(LakeEnv.of(kafka, topic, group, s3, bucket));
        env.put("EVENT_TIME_FIELD", "timestamp");
        env.put("WINDOW_GRACE", "1s");
        env.put("FLUSH_IDLE", "300ms");
        env.put("LATE_FLUSH_INTERVAL", "2s");
        env.put("KAFKA_SESSION_TIMEOUT", "6s");
        env.put("SHUTDOWN_TIMEOUT", "20s");
        env.put("START_OFFSET", "earliest");
        env.put("HTTP_PORT", "0");
        env.put("PARQUET_COMPRESSION", "SNAPPY");
        return env;
    }

    /** The bucket (created on first use). */
    public synchronized ObjectStore store() {
        if (store == null) {
            store = ObjectStores.open(LakeSettings.fromEnv(env(), group).store(), Collector.STORE_RETRY);
        }
        return store;
    }

    /** Sends {@code count} records to the partition, event times from {@code first} every {@code step}. */
    public void produce(int partition, long count, Instant first, Duration step) {
        long seq0 = producer.sent();
        for (long i = 0; i < count; i++) {
            Instant t = first.plus(step.multipliedBy(i));
            producer.send(topic, partition, t.toEpochMilli(), null, FmsRecords.json(seq0 + i, t));
        }
        producer.flush();
    }

    /** Sends a value that cannot become a row (a dead letter). */
    public void produceRaw(int partition, Instant timestamp, String value) {
        producer.send(topic, partition, timestamp.toEpochMilli(), value);
        producer.flush();
    }

    public Offsets offsets() {
        return new Offsets(admin, Duration.ofSeconds(30));
    }

    public Map<Integer, Long> begin() {
        return offsets().beginning(topic);
    }

    public Map<Integer, Long> end() {
        return offsets().end(topic);
    }

    public Map<Integer, Long> committed() {
        return offsets().committed(group, topic);
    }

    public LakeAudit.Result audit() {
        return LakeAudit.of(store(), work);
    }

    /** Waits until every record of the topic is in the lake; fails on a duplicate or on timeout. */
    public LakeAudit.Result awaitComplete(Duration timeout) {
        return await(timeout, LakeAudit.Result::complete);
    }

    /**
     * Waits until the lake holds every record Kafka still holds (older ones, deleted from Kafka, may be there too);
     * fails on a duplicate or on timeout.
     */
    public LakeAudit.Result awaitHoldsTopic(Duration timeout) {
        return await(timeout, LakeAudit.Result::holds);
    }

    private LakeAudit.Result await(Duration timeout, Goal goal) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, Long> begin = begin();
        Map<Integer, Long> end = end();
        LakeAudit.Result last = null;
        while (System.nanoTime() < deadline) {
            last = audit();
            if (!last.noDuplicates()) {
                fail("duplicates in the lake: " + last);
            }
            if (goal.reached(last, begin, end)) {
                return last;
            }
            sleep(1000);
        }
        return fail("lake incomplete after " + timeout + ": " + last + ", topic " + begin + ".." + end);
    }

    @FunctionalInterface
    private interface Goal {
        boolean reached(LakeAudit.Result lake, Map<Integer, Long> begin, Map<Integer, Long> end);
    }

    /** Waits until the group committed the end of every partition. */
    public void awaitCommittedEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, Long> end = end();
        while (System.nanoTime() < deadline) {
            if (committed().equals(end)) {
                return;
            }
            sleep(500);
        }
        fail("committed " + committed() + " never reached " + end);
    }

    /** Grows the topic to {@code total} partitions (Kafka only adds partitions). */
    public void growTopic(int total) {
        await(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(total)))
                .all());
    }

    /** Deletes the records of a partition below {@code offset}, as retention would: the log then starts there. */
    public void deleteRecordsBefore(int partition, long offset) {
        await(admin.deleteRecords(Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset)))
                .all());
    }

    /** Deletes the collector group and its committed offsets, as offset expiry would (the group must be empty). */
    public void deleteGroup() {
        await(admin.deleteConsumerGroups(List.of(group)).all());
    }

    /** Sets the group's committed offset of {@code partition} (the group must have no active member): a replay. */
    public void rewindGroup(int partition, long offset) {
        await(admin.alterConsumerGroupOffsets(
                        group, Map.of(new TopicPartition(topic, partition), new OffsetAndMetadata(offset)))
                .all());
    }

    /** A collector in this JVM on this bed's settings and store: system clock, no crash points. */
    public Collector inProcessCollector() {
        return new Collector(CollectorSettings.fromEnv(env()), store(), Clock.systemUTC(), CrashPoints.NONE);
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("admin request failed", e);
        }
    }

    /** A fresh log file under target/it-logs, kept after the test for diagnosis. */
    public static Path logFile(String name) {
        try {
            Path dir = Path.of("target", "it-logs");
            java.nio.file.Files.createDirectories(dir);
            Path f = dir.resolve(name + "-" + System.currentTimeMillis() + ".log");
            return f.toAbsolutePath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
        if (store != null) {
            store.close();
        }
    }
}
