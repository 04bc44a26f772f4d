package io.fmslake.bench;

import io.fmslake.testkit.KafkaBroker;
import io.fmslake.testkit.TestProducer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The topic's records: FMS-like sensor readings of about 240 bytes of JSON with the event time in {@code timestamp}
 * and the Kafka timestamp equal to it (history, live traffic), or the event time of an old minute and the Kafka
 * timestamp of now (late records: an event time before the record's timestamp is within every bound).
 */
final class Traffic {
    private static final String[] KINDS = {"temperature", "humidity", "pressure", "vibration", "current"};
    private static final String[] UNITS = {"C", "%", "hPa", "mm/s", "A"};
    private static final int THREADS = 3;

    private final KafkaBroker kafka;
    private final String topic;
    private final int partitions;

    Traffic(KafkaBroker kafka, String topic, int partitions) {
        this.kafka = kafka;
        this.topic = topic;
        this.partitions = partitions;
    }

    /**
     * {@code records} spread evenly over {@code span} ending at {@code end}, each partition roughly in time order, 20
     * minutes behind the previous one (modulo 8), one record in 50 late by up to a day (offset order is not time order).
     * Two producer threads, each taking every other partition. Returns the bytes of JSON sent.
     */
    long history(long records, Instant end, Duration span) {
        List<CompletableFuture<Long>> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(CompletableFuture.supplyAsync(() -> {
                long bytes = 0;
                try (TestProducer producer = kafka.producer()) {
                    for (int p = thread; p < partitions; p += THREADS) {
                        bytes += historyOf(
                                producer, p, records / partitions + (p < records % partitions ? 1 : 0), end, span);
                    }
                }
                return bytes;
            }));
        }
        return threads.stream().mapToLong(CompletableFuture::join).sum();
    }

    private long historyOf(TestProducer producer, int p, long count, Instant end, Duration span) {
        Random rnd = new Random(p);
        long spanMillis = span.toMillis();
        long start = end.toEpochMilli() - spanMillis;
        long lag = (p % 8) * 20 * 60_000L;
        long bytes = 0;
        for (long i = 0; i < count; i++) {
            long t = start + i * spanMillis / count - lag + rnd.nextInt(120_000);
            if (rnd.nextInt(50) == 0) {
                t -= rnd.nextInt(86_400_000);
            }
            t = Math.max(start, Math.min(end.toEpochMilli() - 1, t));
            byte[] value = json(i * partitions + p, Instant.ofEpochMilli(t));
            bytes += value.length;
            producer.send(topic, p, t, null, value);
        }
        return bytes;
    }

    /** {@code rate} records a second for {@code seconds}, event time now, round robin over the partitions. */
    long live(int rate, int seconds) {
        long sent = 0;
        try (TestProducer producer = kafka.producer()) {
            long t0 = System.nanoTime();
            long total = (long) rate * seconds;
            while (sent < total) {
                long due = Math.min(total, (System.nanoTime() - t0) / 1_000_000 * rate / 1000);
                for (; sent < due; sent++) {
                    Instant now = Instant.now();
                    producer.send(
                            topic,
                            (int) (sent % partitions),
                            now.toEpochMilli(),
                            null,
                            json(1_000_000_000L + sent, now));
                }
                sleep(20);
            }
        }
        return sent;
    }

    /** {@code count} records of event time within {@code minute}, Kafka timestamp now, over every partition. */
    void late(int count, Instant minute) {
        try (TestProducer producer = kafka.producer()) {
            for (int i = 0; i < count; i++) {
                Instant at = minute.plusMillis(i * 59_000L / count);
                producer.send(topic, i % partitions, System.currentTimeMillis(), null, json(2_000_000_000L + i, at));
            }
        }
    }

    /** Record number {@code n}: about 240 bytes (built without {@code String.format}, which would slow the fill). */
    static byte[] json(long n, Instant eventTime) {
        int kind = (int) (n % KINDS.length);
        long reading = n * 7919 % 100_000;
        StringBuilder b = new StringBuilder(256)
                .append("{\"site\":\"site-")
                .append(n % 50)
                .append("\",\"machine\":\"M-")
                .append(10_000 + n % 4000)
                .append("\",\"sensor\":\"")
                .append(KINDS[kind])
                .append("\",\"reading\":")
                .append(reading / 100)
                .append('.')
                .append(reading % 100 + 10)
                .append(",\"unit\":\"")
                .append(UNITS[kind])
                .append("\",\"state\":\"")
                .append(n % 40 == 0 ? "ALARM" : "RUNNING")
                .append("\",\"pos\":{\"hall\":\"H")
                .append(n % 6)
                .append("\",\"line\":")
                .append(n % 12)
                .append(",\"cell\":\"C-")
                .append(10 + n % 40)
                .append("\"},\"fw\":\"3.")
                .append(n % 5)
                .append('.')
                .append(n % 17)
                .append("\",\"battery\":")
                .append(10 + n % 90)
                .append(",\"seq\":")
                .append(n)
                .append(",\"timestamp\":\"")
                .append(eventTime)
                .append("\"}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
