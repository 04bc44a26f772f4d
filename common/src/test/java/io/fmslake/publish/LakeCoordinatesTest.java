package io.fmslake.publish;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.row.OffsetSet;
import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lake's coordinates from every file's footer, and the resume rule on them. */
class LakeCoordinatesTest {
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    /** Stands in for the footer: each test object's body is its offset set as text. */
    private final OffsetsReader bodies =
            (s, o) -> OffsetSet.decode(new String(s.readRange(o.key(), 0, (int) o.size()), UTF_8));

    @Test
    void theFirstMissingOffsetIsTheFirstHoleAtOrAboveTheFloor() {
        LakeCoordinates lake =
                LakeCoordinates.of(List.of(OffsetSet.decode("0:0-99;1:5-9"), OffsetSet.decode("0:100-149,151-199")));
        assertEquals(150, lake.firstMissing(0, 0), "150 is a hole: re-read from there, never skipped");
        assertEquals(150, lake.firstMissing(0, 120));
        assertEquals(200, lake.firstMissing(0, 151));
        assertEquals(300, lake.firstMissing(0, 300), "above everything: the floor itself");
        assertEquals(0, lake.firstMissing(1, 0), "below the partition's first offset");
        assertEquals(10, lake.firstMissing(1, 5));
        assertEquals(7, lake.firstMissing(2, 7), "a partition the lake lacks");
        assertTrue(lake.holds(1));
        assertFalse(lake.holds(2));
        assertEquals(5, lake.lowest(1));
        assertEquals(199, lake.highest(0));
        assertEquals(2, lake.files().size());
        assertEquals(OffsetSet.decode("0:0-149,151-199;1:5-9"), lake.union());
    }

    @Test
    void everyTierAndTheDeadLettersAreReadOtherObjectsAreNot() {
        put("minute/20250612_1122.parquet", "0:10-19");
        put("minute/20250612_1122-p0o20.parquet", "0:20-29");
        put("hour/20250612_10_11.parquet", "0:0-9");
        put("day/20250611.parquet", "1:0-99");
        put("week/20250601_20250607.parquet", "2:0-9");
        put("errors/20250612_1122-p0o30.parquet", "0:30-30");
        put("_lake/gaps/p0-40-50.json", "not a lake file");
        put("_lease/merge.json", "not a lake file");

        LakeCoordinates lake = LakeCoordinates.read(store, codec, bodies);

        assertEquals(6, lake.files().size());
        assertEquals(OffsetSet.decode("0:0-30;1:0-99;2:0-9"), lake.union());
        assertEquals(31, lake.firstMissing(0, 0));
    }

    @Test
    void aFileDeletedWhileTheScanRunsIsSkippedItsRecordsLiveInAHigherTier() {
        put("minute/20250612_1122.parquet", "0:10-19");
        put("hour/20250612_10_11.parquet", "0:0-9");
        OffsetsReader mergedMeanwhile = (s, o) -> {
            if (o.key().startsWith("minute/")) {
                s.delete(o.key());
            }
            return bodies.read(s, o);
        };
        LakeCoordinates lake = LakeCoordinates.read(store, codec, mergedMeanwhile);
        assertEquals(OffsetSet.decode("0:0-9"), lake.union(), "smaller than the truth: a re-read, never a skip");
    }

    @Test
    void aFileThatStaysUnreadableFailsTheScanAfterThreeAttempts() {
        put("minute/20250612_1122.parquet", "0:10-19");
        AtomicInteger reads = new AtomicInteger();
        OffsetsReader broken = (s, o) -> {
            reads.incrementAndGet();
            throw new IllegalStateException("no footer");
        };
        assertThrows(IllegalStateException.class, () -> LakeCoordinates.read(store, codec, broken));
        assertEquals(3, reads.get());
    }

    private void put(String key, String body) {
        store.put(key, body.getBytes(UTF_8));
    }
}
