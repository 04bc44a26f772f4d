package io.fmslake.backfill.load;

import io.fmslake.backfill.spill.RoutedRows;
import io.fmslake.backfill.spill.WindowBuffers;
import io.fmslake.backfill.tier.TierRouter;
import io.fmslake.deadletter.DeadLetter;
import io.fmslake.row.Decoded;
import io.fmslake.row.RecordDecoder;
import io.fmslake.row.Row;
import io.fmslake.window.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes a chunk of Kafka records on a worker thread: each becomes a row routed to its target window (kept as
 * the record's bytes, see {@code RawRecord}), or a dead letter. Thread-safe (each thread uses its own router copy).
 */
final class ChunkDecoder {
    private final RecordDecoder decoder;
    private final ThreadLocal<TierRouter> routers;
    private final WindowBuffers buffers;
    private final Consumer<List<DeadLetter>> deadLetters;
    private final LongAdder rows = new LongAdder();
    private final LongAdder dead = new LongAdder();

    ChunkDecoder(
            RecordDecoder decoder, TierRouter router, WindowBuffers buffers, Consumer<List<DeadLetter>> deadLetters) {
        this.decoder = decoder;
        this.routers = ThreadLocal.withInitial(router::copy);
        this.buffers = buffers;
        this.deadLetters = deadLetters;
    }

    @SuppressWarnings("ReferenceEquality") // the same window as the record before: a fast path; else by equals
    void decode(List<ConsumerRecord<byte[], byte[]>> records) throws InterruptedException {
        TierRouter router = routers.get();
        Map<Window, RoutedRows> routed = new HashMap<>();
        List<DeadLetter> letters = new ArrayList<>(0);
        Window lastWindow = null;
        RoutedRows last = null;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Decoded d = decoder.decode(r.partition(), r.offset(), r.timestamp(), r.key(), r.value());
            if (d instanceof Row row) {
                Window w = router.targetOf(row.eventTime());
                if (w != lastWindow) {
                    last = routed.computeIfAbsent(w, k -> new RoutedRows());
                    lastWindow = w;
                }
                last.add(row, r.key());
            } else {
                letters.add((DeadLetter) d);
            }
        }
        rows.add(records.size() - letters.size());
        if (!letters.isEmpty()) {
            dead.add(letters.size());
            deadLetters.accept(letters);
        }
        buffers.add(routed);
    }

    long rows() {
        return rows.sum();
    }

    long deadLetters() {
        return dead.sum();
    }
}
