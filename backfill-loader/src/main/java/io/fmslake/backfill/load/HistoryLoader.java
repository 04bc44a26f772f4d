package io.fmslake.backfill.load;

import io.fmslake.backfill.progress.Progress;
import io.fmslake.backfill.spill.WindowBuffers;
import io.fmslake.backfill.tier.TierRouter;
import io.fmslake.deadletter.DeadLetter;
import io.fmslake.row.RecordDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the planned offset ranges on the calling thread (one consumer, assigned partitions, no group) and hands
 * chunks of records to the decode workers, which route rows into the {@link WindowBuffers}. Stops each partition
 * once its position reaches the end of its range (positions, not offsets: transaction markers leave gaps).
 */
public final class HistoryLoader {
    private static final int CHUNK = 2048;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final ExecutorService workers;
    private final int permits;
    private final Semaphore inFlight;
    private final ChunkDecoder decoder;
    private final Progress progress;
    private volatile Throwable failure;

    public HistoryLoader(
            KafkaConsumer<byte[], byte[]> consumer,
            String topic,
            ExecutorService workers,
            int threads,
            RecordDecoder decoder,
            TierRouter router,
            WindowBuffers buffers,
            Consumer<List<DeadLetter>> deadLetters,
            Progress progress) {
        this.consumer = consumer;
        this.topic = topic;
        this.workers = workers;
        this.permits = threads * 2;
        this.inFlight = new Semaphore(permits);
        this.decoder = new ChunkDecoder(decoder, router, buffers, deadLetters);
        this.progress = progress;
    }

    /**
     * Loads every range of {@code plan} (a chunk of a run's plan); returns when all were read and decoded. The
     * consumer may have read earlier chunks: its partitions are assigned, resumed and positioned anew.
     *
     * @param doneBefore offsets read before this plan (progress counts on from there)
     */
    public LoadStats load(LoadPlan plan, long doneBefore) throws InterruptedException {
        Map<TopicPartition, PartitionRange> open = new HashMap<>();
        for (PartitionRange r : plan.ranges()) {
            if (r.size() > 0) {
                open.put(new TopicPartition(topic, r.partition()), r);
            }
        }
        consumer.assign(open.keySet());
        consumer.resume(open.keySet()); // an earlier chunk paused them; assign() keeps that for the same set
        open.forEach((tp, r) -> consumer.seek(tp, r.from()));
        Map<TopicPartition, Long> done = new HashMap<>();
        Map<TopicPartition, PartitionRange> reading = new HashMap<>(open);
        while (!reading.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
            for (TopicPartition tp : records.partitions()) {
                PartitionRange range = open.get(tp);
                List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
                int end = list.size();
                while (end > 0 && list.get(end - 1).offset() >= range.to()) {
                    end--;
                }
                for (int i = 0; i < end; i += CHUNK) {
                    submit(new ArrayList<>(list.subList(i, Math.min(end, i + CHUNK))));
                }
            }
            for (Map.Entry<TopicPartition, PartitionRange> e : new ArrayList<>(reading.entrySet())) {
                long position = consumer.position(e.getKey());
                done.put(
                        e.getKey(),
                        Math.min(position, e.getValue().to()) - e.getValue().from());
                if (position >= e.getValue().to()) {
                    reading.remove(e.getKey());
                    consumer.pause(List.of(e.getKey()));
                }
            }
            progress.update(doneBefore
                    + done.values().stream().mapToLong(Long::longValue).sum());
            rethrow();
        }
        inFlight.acquire(permits); // every chunk decoded and buffered
        inFlight.release(permits);
        rethrow();
        return new LoadStats(plan.total(), decoder.rows(), decoder.deadLetters());
    }

    private void submit(List<ConsumerRecord<byte[], byte[]>> chunk) throws InterruptedException {
        inFlight.acquire();
        workers.execute(() -> {
            try {
                decoder.decode(chunk);
            } catch (Throwable t) {
                failure = t;
            } finally {
                inFlight.release();
            }
        });
    }

    private void rethrow() {
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException("decoding failed: " + t, t);
        }
    }
}
