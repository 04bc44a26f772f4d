package io.fmslake.store;

import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the store repeats a call that failed transiently (see {@link ObjectStore}).
 * Delays grow exponentially from {@code firstDelay} up to {@code maxDelay}, with 20% jitter.
 *
 * @param maxAttempts total attempts including the first, at least 1
 */
public record StoreRetry(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    /** 8 attempts, 200 ms doubling up to 10 s: rides out about half a minute of outage. */
    public static StoreRetry defaults() {
        return new StoreRetry(8, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** One attempt, no retries (tools that want to fail fast). */
    public static StoreRetry none() {
        return new StoreRetry(1, Duration.ofMillis(1), Duration.ofMillis(2));
    }

    public StoreRetry {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) <= 0) {
            throw new IllegalArgumentException("need 0 < firstDelay < maxDelay, got " + firstDelay + ", " + maxDelay);
        }
    }

    /** A retry policy for transient failures ({@link Transience}), with these attempts and delays. */
    <T> RetryPolicyBuilder<T> policy() {
        return dev.failsafe.RetryPolicy.<T>builder()
                .handleIf(Transience::isTransient)
                .withMaxAttempts(maxAttempts)
                .withBackoff(firstDelay, maxDelay)
                .withJitter(0.2);
    }
}
