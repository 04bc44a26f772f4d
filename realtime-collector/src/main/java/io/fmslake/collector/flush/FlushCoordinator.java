package io.fmslake.collector.flush;

import io.fmslake.collector.buffer.WindowBuffer;
import io.fmslake.collector.buffer.WindowedBuffers;
import io.fmslake.collector.http.Health;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides what to write when, tracks the flush jobs in flight, and knows the lowest offset per partition that is
 * not yet durable (buffered or in flight): the most that may be committed.
 *
 * <p>Each turn, when no job is in flight: due minutes are written; above half the cap, more buffers are added
 * (closed minutes oldest first, then open ones largest first) until a quarter of the cap would remain. A failed
 * job's buffers go back and the next job waits for a backoff (1 s doubling to 10 s); readiness is false until a
 * job succeeds. A job that outlives a wait stays tracked, so its records are never committed early.
 * Not thread-safe: the poll thread calls it.
 */
public final class FlushCoordinator {
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final WindowedBuffers buffers;
    private final Flusher flusher;
    private final Ownership ownership;
    private final Health health;
    private final Clock clock;
    private final long capBytes;
    private final List<InFlight> inFlight = new ArrayList<>();
    private long nextAttemptMillis;
    private int failures;

    private record InFlight(
            CompletableFuture<FlushReport> future, Map<Integer, Long> lowest, long bytes, long records) {}

    public FlushCoordinator(
            WindowedBuffers buffers, Flusher flusher, Ownership ownership, Health health, Clock clock, long capBytes) {
        this.buffers = buffers;
        this.flusher = flusher;
        this.ownership = ownership;
        this.health = health;
        this.clock = clock;
        this.capBytes = capBytes;
    }

    /** Completes finished jobs and starts the next one if anything is due. @return true when a job completed */
    public boolean turn() {
        boolean completed = !complete(Duration.ZERO).isEmpty();
        long now = clock.millis();
        if (inFlight.isEmpty() && now >= nextAttemptMillis) {
            List<FlushTask> tasks = new ArrayList<>();
            for (WindowBuffer b : buffers.takeDue(now)) {
                tasks.add(task(b, b.late() ? "late" : "closed"));
            }
            if (buffers.bytes() > capBytes / 2) {
                for (WindowBuffer b : buffers.takeForPressure(buffers.bytes() - capBytes / 4, now)) {
                    tasks.add(task(b, "pressure"));
                }
            }
            start(tasks);
        }
        return completed;
    }

    /**
     * Writes these buffers now and waits up to {@code timeout} for every job in flight (revocation, shutdown).
     * @return true when every job completed and none failed (failed buffers are back in the buffers)
     */
    public boolean flushNow(Collection<WindowBuffer> toWrite, String reason, Duration timeout) {
        submitNow(toWrite, reason);
        boolean failed = complete(timeout).stream().anyMatch(r -> !r.succeeded());
        return inFlight.isEmpty() && !failed;
    }

    /** Starts writing these buffers now, whatever is in flight; {@link #complete} collects the outcome. */
    public void submitNow(Collection<WindowBuffer> toWrite, String reason) {
        List<FlushTask> tasks = new ArrayList<>();
        toWrite.forEach(b -> tasks.add(task(b, reason)));
        start(tasks);
    }

    /** Waits up to {@code wait} in total for the jobs in flight; failed buffers go back. @return completed reports */
    public List<FlushReport> complete(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<FlushReport> reports = new ArrayList<>();
        for (Iterator<InFlight> it = inFlight.iterator(); it.hasNext(); ) {
            InFlight job = it.next();
            FlushReport r;
            try {
                r = job.future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                throw new IllegalStateException("flush job broke its contract", e.getCause());
            }
            it.remove();
            for (FlushTask t : r.returned()) {
                // a partition lost since the claim (even if assigned again) is re-read from its committed offset
                t.buffer().extract(p -> !ownership.holds(t.claim(), p));
                buffers.putBack(t.buffer());
            }
            noteOutcome(r);
            reports.add(r);
        }
        return reports;
    }

    private FlushTask task(WindowBuffer b, String reason) {
        return new FlushTask(b, reason, ownership.claim(b.partitions()));
    }

    private void start(List<FlushTask> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        Map<Integer, Long> lowest = new HashMap<>();
        long bytes = 0;
        long records = 0;
        for (FlushTask t : tasks) {
            for (int p : t.buffer().partitions()) {
                lowest.merge(p, t.buffer().lowestOffset(p), Math::min);
            }
            bytes += t.buffer().bytes();
            records += t.buffer().count();
        }
        inFlight.add(new InFlight(flusher.submit(tasks), Map.copyOf(lowest), bytes, records));
    }

    private void noteOutcome(FlushReport r) {
        if (r.succeeded()) {
            failures = 0;
            nextAttemptMillis = 0;
            health.storeOk();
        } else {
            failures++;
            nextAttemptMillis = clock.millis() + Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(failures - 1, 5));
            health.storeFailing(r.failure().map(Throwable::toString).orElse("unknown"));
        }
    }

    /** The lowest offset of the partition not yet durable (buffered or in flight), or -1 when none. */
    public long lowestPending(int partition) {
        long lowest = buffers.lowestOffset(partition);
        for (InFlight job : inFlight) {
            Long f = job.lowest.get(partition);
            if (f != null && (lowest < 0 || f < lowest)) {
                lowest = f;
            }
        }
        return lowest;
    }

    public boolean idle() {
        return inFlight.isEmpty();
    }

    /** Estimated heap held: buffered plus in flight. */
    public long heldBytes() {
        long b = buffers.bytes();
        for (InFlight job : inFlight) {
            b += job.bytes;
        }
        return b;
    }

    public long heldRecords() {
        long r = buffers.records();
        for (InFlight job : inFlight) {
            r += job.records;
        }
        return r;
    }
}
