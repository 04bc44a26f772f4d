package io.fmslake.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.MemoryObjectStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionalWriteCheckTest {
    private final MemoryObjectStore memory = new MemoryObjectStore();

    private Optional<String> check(io.fmslake.store.ObjectStore store) {
        return new ConditionalWriteCheck(store, Clock.systemUTC()).firstViolation();
    }

    @Test
    void aStoreThatHonoursEveryConditionPassesOnEveryStartAndNeverDeletes() {
        assertEquals(Optional.empty(), check(memory));
        assertEquals(Optional.empty(), check(memory), "the probe of an earlier start is reused");
        assertEquals(List.of(ConditionalWriteCheck.PROBE_KEY), memory.keys());
        assertFalse(
                memory.calls().stream().anyMatch(c -> c.startsWith("delete")),
                memory.calls().toString());
    }

    @Test
    void concurrentProbersAllPass() {
        List<CompletableFuture<Optional<String>>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> check(memory)));
        }
        runs.forEach(r -> assertEquals(Optional.empty(), r.join()));
    }

    @Test
    void aStoreWhoseIfMatchCreatesAMissingKeyPassesWithTheFlawNamed() {
        ConditionalWriteCheck check = new ConditionalWriteCheck(
                new CarelessStore(memory, CarelessStore.Flaw.IF_MATCH_CREATES_MISSING), Clock.systemUTC());
        assertEquals(Optional.empty(), check.firstViolation());
        Optional<String> weakness = check.weakness();
        assertTrue(weakness.isPresent());
        assertTrue(
                weakness.get()
                        .contains("with If-Match was accepted and created it (it must be refused with 404 "
                                + "NoSuchKey; minio/minio#21526)"),
                weakness.get());
        assertEquals(Optional.empty(), new ConditionalWriteCheck(memory, Clock.systemUTC()).weakness());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "IGNORES_IF_NONE_MATCH|a second create of _lake/probe/conditional-writes.json with If-None-Match: * was "
                        + "accepted",
                "IGNORES_IF_MATCH|a replace of _lake/probe/conditional-writes.json with If-Match and a stale ETag was "
                        + "accepted",
            })
    void eachConditionTheStoreIgnoresIsNamed(CarelessStore.Flaw flaw, String expected) {
        Optional<String> violation = check(new CarelessStore(memory, flaw));
        assertTrue(violation.isPresent(), flaw.toString());
        assertTrue(violation.get().contains(expected), violation.get());
    }
}
