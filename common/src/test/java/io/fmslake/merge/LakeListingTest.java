package io.fmslake.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.MemoryObjectStore;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LakeListing#around}: what planning one window needs, read by a few prefix listings, nothing else. */
class LakeListingTest {
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final MemoryObjectStore store = new MemoryObjectStore();

    private void put(String... keys) {
        for (String k : keys) {
            store.put(k, new byte[] {1});
        }
    }

    private List<String> around(Level level, String window) {
        Window w = codec.parseWindow(level, window);
        return LakeListing.around(store, codec, w).files().stream()
                .map(LakeFile::name)
                .sorted()
                .toList();
    }

    @Test
    void anHourSeesItsFilesTheFinerOnesInsideAndTheCoarserOnesCoveringIt() {
        put(
                "minute/20250612_0959.parquet",
                "minute/20250612_1000.parquet",
                "minute/20250612_1059-p1o7.parquet",
                "minute/20250612_1100.parquet",
                "hour/20250612_10_11.parquet",
                "hour/20250612_10_11-part-20250612T100000000Z-0123456789abcdef.parquet",
                "hour/20250612_11_12.parquet",
                "day/20250612.parquet",
                "day/20250611.parquet",
                "week/20250608_20250614.parquet",
                "week/20250601_20250607.parquet",
                "errors/20250612_1000-p0o1.parquet",
                "_lease/hour/20250612_10_11.json");
        assertEquals(
                List.of(
                        "day/20250612.parquet",
                        "hour/20250612_10_11-part-20250612T100000000Z-0123456789abcdef.parquet",
                        "hour/20250612_10_11.parquet",
                        "minute/20250612_1000.parquet",
                        "minute/20250612_1059-p1o7.parquet",
                        "week/20250608_20250614.parquet"),
                around(Level.HOUR, "2025-06-12T10:00"));
        store.clearCalls();
        around(Level.HOUR, "2025-06-12T10:00");
        assertEquals(
                List.of(
                        "list day/20250612",
                        "list hour/20250612_10_11",
                        "list minute/20250612_10",
                        "list week/20250608_20250614"),
                store.calls().stream().sorted().toList());
    }

    @Test
    void theLastHourOfADayAndAWeekAcrossAMonthEnd() {
        put(
                "minute/20250612_2359.parquet",
                "minute/20250613_0000.parquet",
                "hour/20250630_23_24.parquet",
                "day/20250629.parquet",
                "day/20250705.parquet",
                "day/20250706.parquet",
                "minute/20250701_1200.parquet",
                "minute/20250628_2359.parquet");
        assertEquals(List.of("minute/20250612_2359.parquet"), around(Level.HOUR, "2025-06-12T23:00"));
        assertEquals(
                List.of(
                        "day/20250629.parquet",
                        "day/20250705.parquet",
                        "hour/20250630_23_24.parquet",
                        "minute/20250701_1200.parquet"),
                around(Level.WEEK, "2025-06-29"));
    }

    @Test
    void aDaySeesItsHoursAndMinutesAndItsWeek() {
        put(
                "minute/20250612_0000.parquet",
                "minute/20250613_0000.parquet",
                "hour/20250612_23_24.parquet",
                "hour/20250611_23_24.parquet",
                "day/20250612-p0o5.parquet",
                "week/20250608_20250614.parquet");
        List<String> files = around(Level.DAY, "2025-06-12");
        assertEquals(
                List.of(
                        "day/20250612-p0o5.parquet",
                        "hour/20250612_23_24.parquet",
                        "minute/20250612_0000.parquet",
                        "week/20250608_20250614.parquet"),
                files);
        assertTrue(LakeListing.around(store, codec, codec.parseWindow(Level.DAY, "2025-06-12"))
                .coarsestCovering(codec.parseWindow(Level.DAY, "2025-06-12"))
                .isPresent());
    }

    @Test
    void deadLettersAreListedApartUnderErrorsEachPrefixOnce() {
        put(
                "errors/20250612_1000-p0o1.parquet",
                "errors/20250612_10_11.parquet",
                "errors/20250612.parquet",
                "errors/20250612-part-20250612T000000000Z-0123456789abcdef.parquet",
                "errors/20250613_0000-p0o9.parquet",
                "errors/20250611_2359-p0o0.parquet",
                "errors/20250608_20250614.parquet",
                "minute/20250612_1000.parquet",
                "day/20250612.parquet");
        Window day = codec.parseWindow(Level.DAY, "2025-06-12");
        store.clearCalls();
        LakeListing errors = LakeListing.around(store, codec, day, true);
        assertEquals(
                List.of(
                        "errors/20250608_20250614.parquet",
                        "errors/20250612-part-20250612T000000000Z-0123456789abcdef.parquet",
                        "errors/20250612.parquet",
                        "errors/20250612_1000-p0o1.parquet",
                        "errors/20250612_10_11.parquet"),
                errors.files().stream().map(LakeFile::name).sorted().toList());
        assertTrue(errors.files().stream().allMatch(f -> f.key().deadLetter()));
        assertEquals(
                List.of("list errors/20250608_20250614", "list errors/20250612"),
                store.calls().stream().sorted().toList(),
                "the day's own prefixes lie inside errors/20250612, listed once for every finer level");
        assertEquals(
                List.of("day/20250612.parquet", "minute/20250612_1000.parquet"),
                around(Level.DAY, "2025-06-12"),
                "rows as before");
        assertEquals(7, LakeListing.read(store, codec, true).files().size());
        assertEquals(
                List.of(Level.MINUTE, Level.MINUTE, Level.MINUTE, Level.HOUR, Level.DAY, Level.DAY, Level.WEEK),
                LakeListing.read(store, codec, true).files().stream()
                        .map(LakeFile::level)
                        .sorted()
                        .toList());
    }
}
