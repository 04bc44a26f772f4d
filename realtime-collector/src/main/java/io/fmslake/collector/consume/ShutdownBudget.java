package io.fmslake.collector.consume;

import java.time.Duration;

/**
 * How SHUTDOWN_TIMEOUT is split between the steps of a graceful stop, so that the whole stays inside it whatever
 * the store or the group does: writing what is buffered, committing the durable position, closing the consumer
 * (leaving the group). Commit and close get a fifth of the total each, at most 5 s; writing gets the rest.
 */
public record ShutdownBudget(Duration flush, Duration commit, Duration close) {
    private static final Duration STEP_CAP = Duration.ofSeconds(5);

    public static ShutdownBudget of(Duration total) {
        Duration step = total.dividedBy(5).compareTo(STEP_CAP) > 0 ? STEP_CAP : total.dividedBy(5);
        return new ShutdownBudget(total.minus(step).minus(step), step, step);
    }

    public Duration total() {
        return flush.plus(commit).plus(close);
    }

    @Override
    public String toString() {
        return "write " + flush.toMillis() + " ms, commit " + commit.toMillis() + " ms, close " + close.toMillis()
                + " ms, total " + total().toMillis() + " ms";
    }
}
