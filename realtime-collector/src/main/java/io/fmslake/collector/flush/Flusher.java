package io.fmslake.collector.flush;

import io.fmslake.collector.CrashPoints;
import io.fmslake.collector.buffer.WindowBuffer;
import io.fmslake.collector.metrics.CollectorMetrics;
import io.fmslake.publish.MinutePublisher;
import io.fmslake.publish.Publication;
import io.fmslake.row.Row;
import io.fmslake.store.ObjectStore;
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
 * failed, and failed tasks come back in the report to be put back and retried. A task first drops partitions lost
 * since its claim and refuses to start while the membership lease is not valid; then it publishes through a
 * {@link GuardedStore}, which checks the claim and the lease again right before every PUT.
 */
public final class Flusher implements AutoCloseable {
    /** Builds the publisher of one task over the store it must use (the task's guarded view of the bucket). */
    @FunctionalInterface
    public interface Publishers {
        MinutePublisher over(ObjectStore store);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);
    private static final int LATENCY_SAMPLES_PER_FILE = 1_000;

    private final ObjectStore store;
    private final Publishers publishers;
    private final Ownership ownership;
    private final CollectorMetrics metrics;
    private final CrashPoints crash;
    private final ExecutorService pool;

    public Flusher(
            ObjectStore store,
            Publishers publishers,
            Ownership ownership,
            CollectorMetrics metrics,
            CrashPoints crash,
            int threads) {
        this.store = store;
        this.publishers = publishers;
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
            List<FlushTask> returned = new ArrayList<>();
            Optional<Throwable> failure = Optional.empty();
            for (CompletableFuture<Outcome> f : parts) {
                Outcome o = f.join();
                o.publication.ifPresent(done::add);
                if (o.failure.isPresent()) {
                    returned.add(o.task);
                    failure = failure.or(() -> o.failure);
                }
            }
            return new FlushReport(done, returned, failure);
        });
    }

    private record Outcome(FlushTask task, Optional<Publication> publication, Optional<Throwable> failure) {}

    private Outcome run(FlushTask task) {
        WindowBuffer buffer = task.buffer();
        try {
            WindowBuffer lost = buffer.extract(p -> !ownership.holds(task.claim(), p));
            if (!lost.isEmpty()) {
                LOG.info(
                        "dropping {} records of {} for partitions {} no longer owned; their new owner re-reads them",
                        lost.count(),
                        buffer.key(),
                        lost.partitions());
            }
            if (buffer.isEmpty()) {
                return new Outcome(task, Optional.empty(), Optional.empty());
            }
            ownership.checkUpload(task.claim(), buffer.key().toString());
            crash.reached("before-upload");
            MinutePublisher publisher = publishers.over(new GuardedStore(store, ownership, task.claim()));
            Publication p = buffer.key().deadLetters()
                    ? publisher.publishDeadLetters(buffer.key().window(), buffer.deadLetters())
                    : publisher.publishRows(buffer.key().window(), buffer.rows(), buffer.schema());
            metrics.published(p);
            if (!p.deadLetters() && p.wroteFile()) {
                recordLatency(buffer, p);
            }
            FlushLog.published(p, task.reason(), buffer.count());
            return new Outcome(task, Optional.of(p), Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("flush of {} ({}) failed, will retry: {}", buffer.key(), task.reason(), e.toString());
            LOG.debug("flush failure", e);
            metrics.flushFailed();
            return new Outcome(task, Optional.empty(), Optional.of(e));
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
