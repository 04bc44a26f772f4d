package io.fmslake.backfill.spill;

import io.fmslake.schema.LakeSchema;
import io.fmslake.window.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Records routed to their target windows, held within a memory budget. When the buffered rows plus the rows being
 * spilled reach the budget, the largest buffers are handed to the spill executor (sorted runs on disk) until the
 * buffered part is at most half the budget; producers wait while the budget is still exceeded. Memory therefore
 * stays near the budget whatever the size of the history. Thread-safe.
 */
public final class WindowBuffers {
    private final long budget;
    private final Spiller writer;
    private final ExecutorService spillExecutor;
    private final Map<Window, Buffer> buffers = new HashMap<>();
    private final List<SpillRun> runs = new ArrayList<>();
    private long buffered;
    private long spilling;
    private long rowsSpilled;
    private RuntimeException failure;

    public WindowBuffers(long budget, Spiller writer, ExecutorService spillExecutor) {
        this.budget = budget;
        this.writer = writer;
        this.spillExecutor = spillExecutor;
    }

    /** Adds rows routed to their windows. May block (back-pressure). */
    public synchronized void add(Map<Window, RoutedRows> routed) throws InterruptedException {
        rethrow();
        for (Map.Entry<Window, RoutedRows> e : routed.entrySet()) {
            buffers.computeIfAbsent(e.getKey(), w -> new Buffer()).add(e.getValue());
            buffered += e.getValue().bytes;
        }
        if (buffered + spilling >= budget) {
            while (buffered > budget / 2 && !buffers.isEmpty()) {
                Window largest = buffers.entrySet().stream()
                        .max(Comparator.comparingLong(e -> e.getValue().bytes))
                        .orElseThrow()
                        .getKey();
                spill(largest);
            }
        }
        while (buffered + spilling >= budget && spilling > 0) {
            wait();
            rethrow();
        }
    }

    /** Spills every buffer, waits for all spills and returns every run written, in window order. */
    public List<SpillRun> finish() throws InterruptedException {
        synchronized (this) {
            for (Window w : new ArrayList<>(buffers.keySet())) {
                spill(w);
            }
            while (spilling > 0) {
                wait();
            }
            rethrow();
            List<SpillRun> out = new ArrayList<>(runs);
            out.sort(Comparator.comparing(SpillRun::window)
                    .thenComparing(r -> r.file().getFileName().toString()));
            return out;
        }
    }

    public synchronized long bufferedBytes() {
        return buffered;
    }

    public synchronized long rowsSpilled() {
        return rowsSpilled;
    }

    public synchronized int runsWritten() {
        return runs.size();
    }

    private void spill(Window w) {
        Buffer b = buffers.remove(w);
        long bytes = b.bytes;
        buffered -= bytes;
        spilling += bytes;
        spillExecutor.execute(() -> {
            SpillRun run = null;
            RuntimeException error = null;
            try {
                run = writer.write(w, b.rows, b.schema);
            } catch (RuntimeException e) {
                error = e;
            }
            synchronized (WindowBuffers.this) {
                spilling -= bytes;
                if (run != null) {
                    runs.add(run);
                    rowsSpilled += run.summary().rows();
                } else if (failure == null) {
                    failure = error;
                }
                WindowBuffers.this.notifyAll();
            }
        });
    }

    private void rethrow() {
        if (failure != null) {
            throw new IllegalStateException("writing a sorted run failed: " + failure.getMessage(), failure);
        }
    }

    /** The records of one window, their heap size and the schema of their rows. */
    private static final class Buffer {
        final List<RawRecord> rows = new ArrayList<>();
        LakeSchema schema = LakeSchema.empty();
        long bytes;

        void add(RoutedRows more) {
            rows.addAll(more.rows);
            schema = schema.union(more.schema());
            bytes += more.bytes;
        }
    }
}
