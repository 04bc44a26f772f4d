package io.fmslake.collector.consume;

import io.fmslake.row.Decoded;
import io.fmslake.row.RecordDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes a poll's records on several threads (the calling thread takes the first slice), keeping their order.
 * Decoding (JSON parsing) is the costliest step per record, so it is spread while flush threads encode Parquet.
 */
final class RecordDecoding implements AutoCloseable {
    private static final int MIN_SLICE = 512;

    private final RecordDecoder decoder;
    private final int threads;
    private final ExecutorService pool;

    RecordDecoding(RecordDecoder decoder, int threads) {
        this.decoder = decoder;
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = threads <= 1
                ? null
                : Executors.newFixedThreadPool(threads - 1, r -> {
                    Thread t = new Thread(r, "decode-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    Decoded[] decode(List<ConsumerRecord<byte[], byte[]>> records) {
        Decoded[] out = new Decoded[records.size()];
        int slices = pool == null ? 1 : (int) Math.min(threads, Math.max(1, records.size() / MIN_SLICE));
        int per = (records.size() + slices - 1) / Math.max(1, slices);
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 1; s < slices; s++) {
            int from = s * per;
            int to = Math.min(records.size(), from + per);
            futures.add(pool.submit(() -> decodeRange(records, out, from, to)));
        }
        decodeRange(records, out, 0, Math.min(records.size(), per));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while decoding", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("decoder failed", e.getCause());
            }
        }
        return out;
    }

    private void decodeRange(List<ConsumerRecord<byte[], byte[]>> records, Decoded[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            ConsumerRecord<byte[], byte[]> r = records.get(i);
            out[i] = decoder.decode(r.partition(), r.offset(), r.timestamp(), r.key(), r.value());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
