package io.fmslake.backfill.bench;

import io.fmslake.testkit.KafkaBroker;
import io.fmslake.testkit.TestProducer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The benchmark's topic history: FMS-like sensor records of about 250 bytes of JSON with the event time in their
 * {@code timestamp} field (ISO-8601), spread evenly over {@code span} ending at {@code end}. Each partition is
 * roughly in time order but runs behind or ahead of the others by up to an hour, and one record in 50 is late by
 * up to a day, so that offset order is not time order across partitions (as with real producers).
 */
final class BenchHistory {
    private static final String[] TYPES = {"temperature", "humidity", "pressure", "vibration"};
    private static final String[] UNITS = {"C", "%", "hPa", "mm/s"};

    private final LongAdder bytes = new LongAdder();

    /** Creates the topic with time and size retention off: the history is older than Kafka's default 7 days. */
    static void createTopic(KafkaBroker kafka, String topic, int partitions) {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                            .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
    }

    /** Sends {@code records} records spread over the partitions, one producer thread per partition. */
    void produce(KafkaBroker kafka, String topic, int partitions, long records, Instant end, Duration span) {
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            long count = records / partitions + (p < records % partitions ? 1 : 0);
            parts.add(CompletableFuture.runAsync(() -> producePartition(kafka, topic, partition, count, end, span)));
        }
        parts.forEach(CompletableFuture::join);
    }

    private void producePartition(KafkaBroker kafka, String topic, int p, long count, Instant end, Duration span) {
        Random rnd = new Random(p);
        long spanMillis = span.toMillis();
        long start = end.toEpochMilli() - spanMillis;
        long lag = p * 20 * 60_000L; // partition p runs 20 minutes behind partition p-1
        try (TestProducer producer = kafka.producer()) {
            for (long i = 0; i < count; i++) {
                long t = start + i * spanMillis / count - lag + rnd.nextInt(120_000);
                if (rnd.nextInt(50) == 0) {
                    t -= rnd.nextInt(86_400_000); // late by up to a day
                }
                t = Math.max(start, Math.min(end.toEpochMilli() - 1, t));
                byte[] value = json(i * 7 + p, Instant.ofEpochMilli(t));
                bytes.add(value.length);
                producer.send(topic, p, t, null, value);
            }
            producer.flush();
        }
    }

    long valueBytes() {
        return bytes.sum();
    }

    /** Record number {@code i} with the event time in its {@code timestamp} field. */
    static byte[] json(long i, Instant eventTime) {
        int type = (int) (i % TYPES.length);
        String s = String.format(
                Locale.ROOT,
                "{\"site\":\"plant-%d\",\"equipment_id\":\"EQ-%05d\","
                        + "\"sensor_type\":\"%s\",\"value\":%.3f,\"unit\":\"%s\",\"status\":\"%s\","
                        + "\"location\":{\"building\":\"B%d\",\"floor\":%d,\"zone\":\"Z-%02d\"},"
                        + "\"firmware\":\"fw-2.%d.%d\",\"battery\":%d,\"seq\":%d,\"timestamp\":\"%s\"}",
                i % 7,
                i % 5000,
                TYPES[type],
                (i * 7919 % 100_000) / 1000.0,
                UNITS[type],
                i % 50 == 0 ? "WARN" : "OK",
                i % 9,
                i % 20,
                i % 50,
                i % 4,
                i % 13,
                20 + i % 80,
                i,
                eventTime);
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
