package io.fmslake.collector.consume;

import io.fmslake.collector.buffer.WindowedBuffers;
import io.fmslake.collector.flush.FlushCoordinator;
import io.fmslake.collector.http.Health;
import java.time.Duration;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the poll loop, each step bounded by its share of the {@link ShutdownBudget}: confirm membership and
 * write everything buffered (open minutes too); commit the durable position; close the consumer (leave the group,
 * with the revocation callback cut short). Every outcome is logged as what it was: a commit that failed is a
 * WARN naming what stays uncommitted, never "committed".
 */
final class GracefulStop {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private final Consumer<byte[], byte[]> consumer;
    private final WindowedBuffers buffers;
    private final FlushCoordinator flushes;
    private final OffsetCommitter committer;
    private final GuardedRevocation revocation;
    private final Health health;
    private final ShutdownBudget budget;
    private final Duration renewEvery;

    GracefulStop(
            Consumer<byte[], byte[]> consumer,
            WindowedBuffers buffers,
            FlushCoordinator flushes,
            OffsetCommitter committer,
            GuardedRevocation revocation,
            Health health,
            ShutdownBudget budget,
            Duration renewEvery) {
        this.consumer = consumer;
        this.buffers = buffers;
        this.flushes = flushes;
        this.committer = committer;
        this.revocation = revocation;
        this.health = health;
        this.budget = budget;
        this.renewEvery = renewEvery;
    }

    void run() {
        long t0 = System.nanoTime();
        health.stopping();
        try {
            write();
            commit();
        } catch (RuntimeException e) {
            LOG.warn("shutdown: writing or committing failed; what is not committed is re-read after the restart", e);
        } finally {
            close();
            LOG.info("shutdown took {} ms (budget: {})", (System.nanoTime() - t0) / 1_000_000, budget);
        }
    }

    /** Writes everything buffered; while the flush threads work, this thread keeps renewing the lease they need. */
    private void write() {
        long deadline = System.nanoTime() + budget.flush().toNanos();
        renew(deadline);
        long records = buffers.records();
        flushes.submitNow(buffers.takeAll(), "shutdown");
        boolean failed = false;
        while (!flushes.idle() && System.nanoTime() < deadline) {
            failed |= flushes.complete(min(renewEvery, remaining(deadline))).stream()
                    .anyMatch(r -> !r.succeeded());
            if (!flushes.idle()) {
                renew(deadline);
            }
        }
        if (flushes.idle() && !failed) {
            LOG.info("shutdown: wrote {} buffered records, all durable", records);
        } else {
            LOG.warn(
                    "shutdown: wrote {} buffered records, but not all became durable within {} ms (store failing or "
                            + "slow); those are not committed and will be re-read after the restart",
                    records,
                    budget.flush().toMillis());
        }
    }

    /** A membership-confirming commit, cut short so that it ends by the deadline. */
    private void renew(long deadline) {
        Duration left = remaining(deadline);
        if (!left.isZero()) {
            committer.timeout(min(budget.commit(), left));
            committer.confirm(consumer.assignment());
        }
    }

    private void commit() {
        committer.timeout(budget.commit());
        if (committer.commit(consumer.assignment())) {
            LOG.info("shutdown: committed the durable position {}", committer.knownCommitted());
        } else {
            LOG.warn(
                    "shutdown: offset commit FAILED ({}); the group keeps its last committed offsets {}: records after "
                            + "them will be re-read after the restart (nothing is lost; the lake drops what it already holds)",
                    committer.lastFailure(),
                    committer.knownCommitted());
        }
    }

    /**
     * Leaving the group runs the revocation callback (a confirming commit, a write, a commit, a wait for running
     * uploads: an eighth of the step each) before the consumer's own close, which gets the other half.
     */
    private void close() {
        Duration close = budget.close();
        revocation.shorten(close.dividedBy(8));
        committer.timeout(close.dividedBy(8));
        try {
            consumer.close(CloseOptions.timeout(close.dividedBy(2)));
        } catch (RuntimeException e) {
            LOG.warn("consumer close: {}", e.toString());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
