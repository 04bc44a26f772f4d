package io.fmslake.collector.flush;

import io.fmslake.collector.CrashPoints;
import io.fmslake.collector.buffer.WindowBuffer;
import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.commit.MinutePublisher;
import io.fmslake.commit.Publication;
import io.fmslake.row.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes buffers as minute files on its own threads, so consumption continues meanwhile. A job is a list of
 * tasks written concurrently (one file each); the job completes when every task has either become durable or
 * failed, and failed buffers come back in the report to be put back and retried. Before each upload the task
 * drops partitions this replica no longer owns and refuses to write while the membership lease is not valid.
 */
public final class Flusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);
    private static final int LATENCY_SAMPLES_PER_FILE = 1_000;

    private final MinutePublisher publisher;
    private final Ownership ownership;
    private final CollectorMetrics metrics;
    private final CrashPoints crash;
    private final ExecutorService pool;

    public Flusher(MinutePublisher publisher, Ownership ownership, CollectorMetrics metrics, CrashPoints crash,
                   int threads) {
        this.publisher = publisher;
        this.ownership = ownership;
        this.metrics = metrics;
        this.crash = crash;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "flush-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts writing the tasks; the future completes (never exceptionally) when all are done. */
    public CompletableFuture<FlushReport> submit(List<FlushTask> tasks) {
        List<CompletableFuture<Outcome>> parts = new ArrayList<>();
        for (FlushTask t : tasks) {
            parts.add(CompletableFuture.supplyAsync(() -> run(t), pool));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Publication> done = new ArrayList<>();
            List<WindowBuffer> returned = new ArrayList<>();
            Optional<Throwable> failure = Optional.empty();
            for (CompletableFuture<Outcome> f : parts) {
                Outcome o = f.join();
                o.publication.ifPresent(done::add);
                if (o.failure.isPresent()) {
                    returned.add(o.buffer);
                    failure = failure.or(() -> o.failure);
                }
            }
            return new FlushReport(done, returned, failure);
        });
    }

    private record Outcome(WindowBuffer buffer, Optional<Publication> publication, Optional<Throwable> failure) {
    }

    private Outcome run(FlushTask task) {
        WindowBuffer buffer = task.buffer();
        try {
            WindowBuffer lost = buffer.extract(p -> !ownership.owns(p));
            if (!lost.isEmpty()) {
                LOG.info("dropping {} records of {} for partitions {} no longer owned; their new owner re-reads them",
                        lost.count(), buffer.key(), lost.partitions());
            }
            if (buffer.isEmpty()) {
                return new Outcome(buffer, Optional.empty(), Optional.empty());
            }
            if (!ownership.leaseValid()) {
                throw new IllegalStateException("group membership not confirmed recently; not writing " + buffer.key());
            }
            crash.reached("before-upload");
            Publication p = buffer.key().deadLetters()
                    ? publisher.publishDeadLetters(buffer.key().window(), buffer.deadLetters())
                    : publisher.publishRows(buffer.key().window(), buffer.rows(), buffer.schema());
            metrics.published(p);
            if (!p.deadLetters() && p.wroteFile()) {
                recordLatency(buffer, p);
            }
            FlushLog.published(p, task.reason(), buffer.count());
            return new Outcome(buffer, Optional.of(p), Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("flush of {} ({}) failed, will retry: {}", buffer.key(), task.reason(), e.toString());
            LOG.debug("flush failure", e);
            metrics.flushFailed();
            return new Outcome(buffer, Optional.empty(), Optional.of(e));
        }
    }

    private void recordLatency(WindowBuffer buffer, Publication p) {
        List<Row> rows = buffer.rows();
        int stride = Math.max(1, rows.size() / LATENCY_SAMPLES_PER_FILE);
        long durable = p.durableAt().toEpochMilli();
        for (int i = 0; i < rows.size(); i += stride) {
            metrics.latency(durable, rows.get(i).eventTime());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
