package io.fmslake.backfill.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs tasks on a pool and waits for all; the first failure is rethrown once every task has ended. */
final class Parallel {
    private Parallel() {}

    static void runAll(ExecutorService pool, List<Runnable> tasks) {
        start(pool, tasks).await();
    }

    /** Submits the tasks; {@link Running#await()} waits for all and rethrows the first failure. */
    static Running start(ExecutorService pool, List<Runnable> tasks) {
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable t : tasks) {
            futures.add(pool.submit(t));
        }
        return new Running(futures);
    }

    /** Tasks submitted together. */
    record Running(List<Future<?>> futures) {
        /** Waits for every task; rethrows the first failure once all have ended. */
        void await() {
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r
                                ? r
                                : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(x -> x.cancel(true));
                    throw new IllegalStateException("interrupted while publishing", e);
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
