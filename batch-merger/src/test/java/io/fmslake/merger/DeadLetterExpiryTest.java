package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.deadletter.DeadLetter;
import io.fmslake.deadletter.DeadLetterFile;
import io.fmslake.deadletter.ExpiredDeadLetters;
import io.fmslake.merge.WindowLeases;
import io.fmslake.parquet.MemoryOutputFile;
import io.fmslake.parquet.ParquetOptions;
import io.fmslake.row.OffsetSet;
import io.fmslake.store.StoredObject;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.testkit.MutableClock;
import io.fmslake.window.WindowCodec;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retention rule on every level of dead-letter file, the record before the delete, and a rerun. */
class DeadLetterExpiryTest {
    private static final Instant NOW = Instant.parse("2025-06-20T00:00:01Z");
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final MutableClock clock = new MutableClock(NOW);

    private void put(String key, long from, long to, Instant at) {
        List<DeadLetter> letters = new ArrayList<>();
        for (long o = from; o < to; o++) {
            letters.add(new DeadLetter(
                    0, o, at.toEpochMilli(), null, "x".getBytes(StandardCharsets.UTF_8), DeadLetter.NOT_JSON, "test"));
        }
        MemoryOutputFile out = new MemoryOutputFile();
        DeadLetterFile.write(letters, out, ParquetOptions.defaults("ZSTD"), "t");
        store.put(key, out.toByteArray());
    }

    private DeadLetterExpiry expiry() {
        return new DeadLetterExpiry(
                store,
                codec,
                WindowLeases.of(store, codec, Duration.ofMinutes(2), Duration.ZERO, clock),
                Duration.ofDays(7));
    }

    private List<String> keys(String prefix) {
        return store.list(prefix).stream().map(StoredObject::key).sorted().toList();
    }

    @Test
    void filesWhoseWindowEndedMoreThanTheRetentionAgoAreRecordedThenDeleted() {
        put("errors/20250601_20250607.parquet", 0, 10, Instant.parse("2025-06-03T00:00:00Z"));
        put("errors/20250612.parquet", 10, 15, Instant.parse("2025-06-12T10:00:00Z")); // ended 06-13: expired
        put("errors/20250612_2359-p0o15.parquet", 15, 16, Instant.parse("2025-06-12T23:59:00Z")); // ended 06-13 00:00
        put("errors/20250613_10_11.parquet", 16, 20, Instant.parse("2025-06-13T10:00:00Z")); // ends 06-13 11:00: kept
        put("errors/20250613_0000-p0o20.parquet", 20, 21, Instant.parse("2025-06-13T00:00:00Z")); // ends 00:01: kept
        // a run stopped between record and delete left this one's record behind
        ExpiredDeadLetters earlier = new ExpiredDeadLetters(
                "errors/20250612.parquet", "0:10-14", Instant.parse("2025-06-19T00:00:00Z"), Duration.ofDays(7));
        store.put(earlier.key(), earlier.toJson());

        DeadLetterExpiry.Outcome outcome = expiry().run(NOW, Shard.ALL, Duration.ZERO);

        assertEquals(3, outcome.files());
        assertEquals(16, outcome.deadLetters());
        assertTrue(outcome.failures().isEmpty(), outcome.failures().toString());
        assertEquals(List.of("errors/20250613_0000-p0o20.parquet", "errors/20250613_10_11.parquet"), keys("errors/"));
        List<ExpiredDeadLetters> records = ExpiredDeadLetters.list(store);
        assertEquals(3, records.size(), keys(ExpiredDeadLetters.PREFIX).toString());
        OffsetSet expired = new OffsetSet();
        records.forEach(r -> expired.addAll(r.coordinates()));
        assertEquals("0:0-15", expired.encode());
        assertTrue(keys(ExpiredDeadLetters.PREFIX).contains(earlier.key()), "the earlier record is kept, not doubled");

        DeadLetterExpiry.Outcome again = expiry().run(NOW, Shard.ALL, Duration.ZERO);
        assertEquals(0, again.files());
        assertEquals(3, ExpiredDeadLetters.list(store).size());
        assertEquals(List.of(), keys("_lease/"), "every lease released");
    }
}
