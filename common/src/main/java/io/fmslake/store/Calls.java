package io.fmslake.store;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.ContextualSupplier;
import io.minio.errors.ErrorResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs store calls under the retry policy and turns what escapes into {@link StoreException}s. */
final class Calls {
    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);

    private final StoreRetry retry;

    Calls(StoreRetry retry) {
        this.retry = retry;
    }

    /** Runs {@code call}; the context tells a retry from the first attempt. {@code what} names it in errors. */
    <T> T get(String what, ContextualSupplier<T, T> call) {
        RetryPolicy<Object> policy = retry.<Object>policy()
                .onRetry(e -> LOG.warn(
                        "object store: {}: retry {} after {}",
                        what,
                        e.getAttemptCount(),
                        describe(e.getLastException())))
                .build();
        try {
            return Failsafe.with(policy).get(call);
        } catch (StoreException e) {
            throw e;
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new StoreException(what + " failed: " + describe(cause), cause);
        } catch (RuntimeException e) {
            throw new StoreException(what + " failed: " + describe(e), e);
        }
    }

    void run(String what, ContextualSupplier<Void, Void> call) {
        get(what, call);
    }

    /** A one-line account of a failure, without request details (which could carry signatures). */
    static String describe(Throwable t) {
        if (t instanceof ErrorResponseException e) {
            String message =
                    e.errorResponse() == null ? "" : " " + e.errorResponse().message();
            return "HTTP " + Transience.status(e) + " " + Transience.code(e) + message;
        }
        return t == null ? "unknown" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
