package io.fmslake.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LakeSizeTest {
    @Test
    void countsFilesAndBytesPerTierAndErrorsButNothingElse() {
        MemoryObjectStore store = new MemoryObjectStore();
        store.put("minute/20250612_1100.parquet", new byte[10]);
        store.put("minute/20250612_1101.parquet", new byte[5]);
        store.put("week/20250601_20250607.parquet", new byte[100]);
        store.put("errors/20250612_1100-p0o1.parquet", new byte[7]);
        store.put("_lake/settings.json", new byte[3]);
        Map<String, Object> size = LakeSize.of(store).orElseThrow();
        assertEquals(List.of("minute", "hour", "day", "week", "errors"), List.copyOf(size.keySet()));
        assertEquals(Map.of("files", 2L, "bytes", 15L), size.get("minute"));
        assertEquals(Map.of("files", 0L, "bytes", 0L), size.get("hour"));
        assertEquals(Map.of("files", 1L, "bytes", 100L), size.get("week"));
        assertEquals(Map.of("files", 1L, "bytes", 7L), size.get("errors"));
    }

    @Test
    void withACodecErrorsAlsoTellsItsMinuteFilesAndThoseRolledUpPerLevel() {
        MemoryObjectStore store = new MemoryObjectStore();
        store.put("errors/20250612_1100-p0o1.parquet", new byte[7]);
        store.put("errors/20250612_1101-p0o2.parquet", new byte[3]);
        store.put("errors/20250612_10_11.parquet", new byte[20]);
        store.put("errors/20250611.parquet", new byte[30]);
        store.put("errors/20250601_20250607-part-20250601T000000000Z-0123456789abcdef.parquet", new byte[40]);
        store.put("hour/20250612_10_11.parquet", new byte[50]);
        Map<String, Object> size = LakeSize.of(store, new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY))
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> errors = (Map<String, Object>) size.get("errors");
        assertEquals(5L, errors.get("files"));
        assertEquals(100L, errors.get("bytes"));
        assertEquals(
                Map.of(
                        "minute",
                        Map.of("files", 2L, "bytes", 10L),
                        "hour",
                        Map.of("files", 1L, "bytes", 20L),
                        "day",
                        Map.of("files", 1L, "bytes", 30L),
                        "week",
                        Map.of("files", 1L, "bytes", 40L)),
                errors.get("levels"));
        assertEquals(Map.of("files", 1L, "bytes", 50L), size.get("hour"), "the rows' tiers as before");
    }

    @Test
    void aFailingListingGivesNoSizeInsteadOfAnError() {
        MemoryObjectStore store = new MemoryObjectStore();
        store.failing(true);
        assertEquals(Optional.empty(), LakeSize.of(store));
    }
}
