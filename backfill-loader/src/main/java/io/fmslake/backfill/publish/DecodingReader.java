package io.fmslake.backfill.publish;

import io.fmslake.backfill.spill.RawRecord;
import io.fmslake.backfill.spill.RunReader;
import io.fmslake.backfill.spill.SpillRun;
import io.fmslake.row.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * Reads a target's sorted runs and turns their records into rows on a thread of its own, handing the rows over in
 * batches through a small queue, so that reading (zstd, the k-way merge of the runs) and encoding (Parquet) of one
 * target run on two cores.
 * Without it the largest target (a week) is one thread's work and holds up the end of the publish phase.
 * Not thread-safe: one consumer.
 */
final class DecodingReader implements AutoCloseable {
    private static final int BATCH = 1024;
    private static final List<Row> END = List.of();

    private final BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(4);
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean closed;
    private List<Row> batch = new ArrayList<>();
    private int next;
    private boolean ended;

    DecodingReader(List<SpillRun> runs, Function<RawRecord, Row> decode, String name) {
        thread = new Thread(() -> produce(runs, decode), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(List<SpillRun> runs, Function<RawRecord, Row> decode) {
        try (RunReader reader = RunReader.open(runs)) {
            List<Row> out = new ArrayList<>(BATCH);
            for (RawRecord r = reader.next(); r != null && !closed; r = reader.next()) {
                out.add(decode.apply(r));
                if (out.size() == BATCH) {
                    queue.put(out);
                    out = new ArrayList<>(BATCH);
                }
            }
            if (!out.isEmpty()) {
                queue.put(out);
            }
        } catch (InterruptedException e) {
            return; // closed by the consumer
        } catch (Throwable t) {
            failure = t;
        }
        try {
            queue.put(END);
        } catch (InterruptedException ignored) {
            // closed by the consumer
        }
    }

    /** The next row in lake order, or null at the end. */
    Row next() {
        while (next == batch.size()) {
            if (ended) {
                return null;
            }
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading sorted runs", e);
            }
            next = 0;
            if (batch == END) {
                ended = true;
                Throwable t = failure;
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                if (t != null) {
                    throw new IllegalStateException("reading sorted runs failed: " + t, t);
                }
            }
        }
        return batch.get(next++);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
