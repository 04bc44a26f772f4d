package io.fmslake.local;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Produces live telemetry at a steady rate (devices in turn, event time = now) until {@link #close()}. */
final class LiveGenerator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveGenerator.class);

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Telemetry telemetry;
    private final double rate;
    private final Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    LiveGenerator(String bootstrap, String topic, Telemetry telemetry, double rate, Clock clock) {
        this.producer = Producers.open(bootstrap);
        this.topic = topic;
        this.telemetry = telemetry;
        this.rate = rate;
        this.clock = clock;
        this.thread = new Thread(this::loop, "live-generator");
        thread.setDaemon(true);
    }

    LiveGenerator start() {
        thread.start();
        return this;
    }

    long sent() {
        return sent.get();
    }

    @SuppressWarnings("FutureReturnValueIgnored") // each send's callback handles its failure
    private void loop() {
        List<Telemetry.Device> devices = telemetry.devices();
        long periodNanos = (long) (1e9 / rate);
        long due = System.nanoTime();
        int i = 0;
        while (running) {
            Telemetry.Message m = telemetry.next(devices.get(i++ % devices.size()), clock.instant());
            try {
                producer.send(new ProducerRecord<>(topic, null, m.timestamp(), m.key(), m.value()), (meta, e) -> {
                    if (e != null) {
                        LOG.warn("live record not sent: {}", e.getMessage());
                    }
                });
            } catch (InterruptException e) {
                return; // close() interrupted a blocked send
            }
            sent.incrementAndGet();
            due += periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleep(Duration.ofNanos(wait));
            } else if (wait < -1_000_000_000L) {
                due = System.nanoTime(); // fell behind by more than a second: do not burst to catch up
            }
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /** Stops producing, sends what is buffered. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
