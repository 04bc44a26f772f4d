package io.fmslake.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallsTest {
    private final Calls calls = new Calls(new StoreRetry(4, Duration.ofMillis(1), Duration.ofMillis(5)));

    @Test
    void transientFailuresAreRetriedUntilSuccess() {
        AtomicInteger attempts = new AtomicInteger();
        String result = calls.get("flaky", ctx -> {
            if (attempts.incrementAndGet() < 3) {
                throw TransienceTest.answer(503, "SlowDown");
            }
            return "ok after " + ctx.getAttemptCount();
        });
        assertEquals(3, attempts.get());
        assertEquals("ok after 2", result);
    }

    @Test
    void retriesStopAtMaxAttemptsWithAStoreException() {
        AtomicInteger attempts = new AtomicInteger();
        StoreException e = assertThrows(
                StoreException.class,
                () -> calls.get("down", ctx -> {
                    attempts.incrementAndGet();
                    throw new ConnectException("Connection refused");
                }));
        assertEquals(4, attempts.get());
        assertInstanceOf(ConnectException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("down failed: ConnectException"), e.getMessage());
    }

    @Test
    void permanentFailuresFailAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        StoreException e = assertThrows(
                StoreException.class,
                () -> calls.get("stale", ctx -> {
                    attempts.incrementAndGet();
                    throw TransienceTest.answer(412, "PreconditionFailed");
                }));
        assertEquals(1, attempts.get());
        assertTrue(e.getMessage().contains("HTTP 412 PreconditionFailed"), e.getMessage());
    }

    @Test
    void ownStoreExceptionsPassUnchanged() {
        MissingObjectException missing = new MissingObjectException("b", "k");
        assertEquals(
                missing,
                assertThrows(
                        MissingObjectException.class,
                        () -> calls.get("open k", ctx -> {
                            throw missing;
                        })));
    }

    @Test
    void retryPolicyRejectsNonsense() {
        assertThrows(
                IllegalArgumentException.class, () -> new StoreRetry(0, Duration.ofMillis(1), Duration.ofMillis(2)));
        assertThrows(
                IllegalArgumentException.class, () -> new StoreRetry(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertFalse(StoreRetry.defaults().maxAttempts() < 2);
    }

    @Test
    void etagsCompareWithoutQuotes() {
        assertEquals("abc-2", MinioObjectStore.etag("\"abc-2\""));
        assertEquals("abc", MinioObjectStore.etag("abc"));
        assertEquals("", MinioObjectStore.etag(null));
    }
}
