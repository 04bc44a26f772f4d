package io.fmslake.backfill;

import io.fmslake.testkit.KafkaBroker;
import io.fmslake.testkit.TestProducer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A topic history for tests: FMS-like JSON records whose Kafka timestamps (the event times) are spread at random
 * over a span ending at {@code end}, so that offset order is not time order; every 97th record is not JSON and
 * every 211th a tombstone (dead letters). Remembers what it sent, by coordinate.
 */
final class History {
    /** Coordinates as {@code partition * 1e9 + offset}. */
    static long coord(int partition, long offset) {
        return partition * 1_000_000_000L + offset;
    }

    final Map<Long, Long> rows = new HashMap<>();
    final List<Long> deadLetters = new ArrayList<>();
    private final Map<Integer, Long> next = new HashMap<>();

    /** Creates the topic with time retention off: the history is older than Kafka's default 7 days. */
    static void createTopic(KafkaBroker kafka, String topic, int partitions) {
        kafka.createTopic(topic, partitions, Map.of("retention.ms", "-1", "retention.bytes", "-1"));
    }

    /**
     * A new topic of {@code partitions} holding, per partition, {@code old} records over the 16 days up to
     * {@code now} and then {@code recent} records over its last 40 minutes (the current hour and the last one).
     */
    static History weeks(KafkaBroker kafka, String topic, int partitions, int old, int recent, Instant now, long seed) {
        createTopic(kafka, topic, partitions);
        History history = new History();
        history.produce(kafka, topic, partitions, old, now, Duration.ofDays(16), seed);
        history.produce(kafka, topic, partitions, recent, now, Duration.ofMinutes(40), seed + 1);
        return history;
    }

    /** Sends {@code perPartition} records to each partition, event times in {@code (end - span, end]}. */
    void produce(
            KafkaBroker kafka, String topic, int partitions, int perPartition, Instant end, Duration span, long seed) {
        Random rnd = new Random(seed);
        try (TestProducer producer = kafka.producer()) {
            for (int i = 0; i < perPartition; i++) {
                for (int p = 0; p < partitions; p++) {
                    long t = end.toEpochMilli() - (long) (rnd.nextDouble() * span.toMillis());
                    send(producer, topic, p, t, rnd);
                }
            }
        }
    }

    /** Sends one valid record at event time {@code t} to partition {@code p}; returns its offset. */
    long sendRow(KafkaBroker kafka, String topic, int p, long t) {
        try (TestProducer producer = kafka.producer()) {
            long o = next.getOrDefault(p, 0L);
            producer.send(topic, p, t, json(o, t, new Random(o)));
            next.put(p, o + 1);
            rows.put(coord(p, o), t);
            return o;
        }
    }

    private void send(TestProducer producer, String topic, int p, long t, Random rnd) {
        long o = next.getOrDefault(p, 0L);
        next.put(p, o + 1);
        if (o % 97 == 96) {
            producer.send(topic, p, t, "not json {" + o);
            deadLetters.add(coord(p, o));
        } else if (o % 211 == 210) {
            producer.send(topic, p, t, null, null);
            deadLetters.add(coord(p, o));
        } else {
            producer.send(topic, p, t, json(o, t, rnd));
            rows.put(coord(p, o), t);
        }
    }

    static String json(long o, long t, Random rnd) {
        int vehicle = rnd.nextInt(500);
        return String.format(
                Locale.ROOT,
                "{\"vehicleId\":\"VH-%05d\",\"driverId\":\"DR-%04d\",\"ts\":%d,\"lat\":%.6f,\"lon\":%.6f,"
                        + "\"speed\":%.1f,\"heading\":%d,\"engineOn\":%s,\"status\":\"%s\","
                        + "\"location\":{\"region\":\"%s\",\"zone\":\"Z%d\",\"odometer\":%d}}",
                vehicle,
                vehicle * 7 % 10000,
                t,
                37.4 + rnd.nextDouble() * 0.3,
                126.8 + rnd.nextDouble() * 0.4,
                rnd.nextDouble() * 120,
                rnd.nextInt(360),
                rnd.nextBoolean(),
                o % 2 == 0 ? "MOVING" : "IDLE",
                "Seoul",
                rnd.nextInt(40),
                100_000 + vehicle * 13L + o);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    long records() {
        return rows.size() + deadLetters.size();
    }
}
