package io.fmslake.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The sample history: {@code records} messages over the {@code days} before {@code now}, every device reporting at
 * the same pace (with jitter), produced in time order with the Kafka timestamp set to the event time. Written once:
 * a marker file in the data folder records that the topic holds the complete history, so later runs skip it.
 */
final class History {
    private final Path marker;

    History(Path dataDir) {
        this.marker = dataDir.resolve("history.done");
    }

    boolean done() {
        return Files.exists(marker);
    }

    /** Produces the history and writes the marker; returns the number of records sent. */
    @SuppressWarnings("FutureReturnValueIgnored") // each send's callback handles its failure
    long produce(String bootstrap, String topic, Telemetry telemetry, int days, int records, Instant now) {
        List<Telemetry.Device> devices = telemetry.devices();
        long perDevice = Math.max(1, records / devices.size());
        Duration span = Duration.ofDays(days);
        long stepMillis = Math.max(1, span.toMillis() / perDevice);
        Instant start = now.minus(span);
        // one cursor per device, merged by time: the topic receives the history in the order it happened
        PriorityQueue<long[]> next = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 0; i < devices.size(); i++) {
            next.add(new long[] {start.toEpochMilli() + (stepMillis * i / devices.size()), i});
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<String, String> producer = Producers.open(bootstrap)) {
            while (sent < (long) perDevice * devices.size() && failure.get() == null) {
                long[] cursor = next.poll();
                long jitter = (long) ((Math.floorMod(sent * 7919, 1000) - 500) / 1000.0 * stepMillis * 0.2);
                long at = Math.min(now.toEpochMilli() - 1, cursor[0] + jitter);
                Telemetry.Message m = telemetry.next(devices.get((int) cursor[1]), Instant.ofEpochMilli(at));
                producer.send(new ProducerRecord<>(topic, null, m.timestamp(), m.key(), m.value()), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
                cursor[0] += stepMillis;
                next.add(cursor);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "producing the history failed: " + failure.get().getMessage(), failure.get());
        }
        try {
            Files.writeString(marker, sent + " records up to " + now + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sent;
    }
}
