package io.fmslake.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.store.StoredObject;
import io.fmslake.window.Level;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TieringTest {
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private final Tiering tiering = new Tiering(codec, Duration.ofSeconds(20));

    private LakeListing lake(String... keys) {
        return new LakeListing(Arrays.stream(keys)
                .map(k -> new LakeFile(codec.parse(k).orElseThrow(), new StoredObject(k, 1, Instant.EPOCH, "e")))
                .toList());
    }

    private static List<String> names(Tiering.Group g) {
        return g.inputs().stream().map(LakeFile::name).sorted().toList();
    }

    private List<String> targets(Tiering.Selection s) {
        return s.groups().stream().map(g -> codec.format(g.target())).toList();
    }

    @Test
    void theSeedsSchedulesFindThePreviousWindowClosed() {
        assertTrue(tiering.closed(
                codec.parseWindow(Level.HOUR, "2025-06-12T10:00"), Instant.parse("2025-06-12T11:01:00Z")));
        assertTrue(!tiering.closed(
                codec.parseWindow(Level.HOUR, "2025-06-12T10:00"), Instant.parse("2025-06-12T11:00:19Z")));
        assertTrue(tiering.closed(
                codec.parseWindow(Level.HOUR, "2025-06-12T10:00"), Instant.parse("2025-06-12T11:00:20Z")));
        assertTrue(tiering.closed(codec.parseWindow(Level.DAY, "2025-06-12"), Instant.parse("2025-06-13T00:05:00Z")));
        // Monday 2025-06-09 00:10 closes the week Sunday 06-01 .. Saturday 06-07
        assertTrue(tiering.closed(codec.parseWindow(Level.WEEK, "2025-06-01"), Instant.parse("2025-06-09T00:10:00Z")));
    }

    @Test
    void hourRunMergesClosedHoursOnlyAndLeavesTheCurrentOne() {
        LakeListing lake = lake(
                "minute/20250612_0958.parquet",
                "minute/20250612_1000.parquet",
                "minute/20250612_1000-p1o7.parquet",
                "minute/20250612_1059.parquet",
                "minute/20250612_1100.parquet");
        Tiering.Selection s = tiering.select(lake, Level.HOUR, Instant.parse("2025-06-12T11:01:00Z"));
        assertEquals(List.of("hour/20250612_09_10.parquet", "hour/20250612_10_11.parquet"), targets(s));
        assertEquals(
                List.of(
                        "minute/20250612_1000-p1o7.parquet",
                        "minute/20250612_1000.parquet",
                        "minute/20250612_1059.parquet"),
                names(s.groups().get(1)));
        assertEquals(1, s.skipped().size());
        assertTrue(s.skipped().get(0).reason().startsWith("open until 2025-06-12T12:00:20Z"));
    }

    @Test
    void catchUpAfterMissedRunsMergesEveryClosedHour() {
        LakeListing lake =
                lake("minute/20250611_2330.parquet", "minute/20250612_0000.parquet", "minute/20250612_0500.parquet");
        Tiering.Selection s = tiering.select(lake, Level.HOUR, Instant.parse("2025-06-12T06:01:00Z"));
        assertEquals(
                List.of("hour/20250611_23_24.parquet", "hour/20250612_00_01.parquet", "hour/20250612_05_06.parquet"),
                targets(s));
    }

    @Test
    void dayRunTakesMinuteFilesDirectlyWhenHourMergesNeverRan() {
        LakeListing lake = lake(
                "minute/20250612_0000.parquet",
                "hour/20250612_01_02.parquet",
                "minute/20250612_2359.parquet",
                "minute/20250613_0000.parquet");
        Tiering.Selection s = tiering.select(lake, Level.DAY, Instant.parse("2025-06-13T00:05:00Z"));
        assertEquals(List.of("day/20250612.parquet"), targets(s));
        assertEquals(
                List.of("hour/20250612_01_02.parquet", "minute/20250612_0000.parquet", "minute/20250612_2359.parquet"),
                names(s.groups().get(0)));
    }

    @Test
    void weekRunFoldsDaysHoursAndMinutesOfClosedWeeks() {
        LakeListing lake = lake(
                "day/20250601.parquet",
                "day/20250607.parquet",
                "hour/20250607_23_24.parquet",
                "minute/20250608_0001.parquet");
        Tiering.Selection s = tiering.select(lake, Level.WEEK, Instant.parse("2025-06-09T00:10:00Z"));
        assertEquals(List.of("week/20250601_20250607.parquet"), targets(s));
        assertEquals(3, s.groups().get(0).inputs().size());
    }

    @Test
    void lateMinuteInAMergedHourIsFoldedIntoTheHourByTheHourRun() {
        LakeListing lake = lake("hour/20250612_10_11.parquet", "minute/20250612_1030-p0o99.parquet");
        Tiering.Selection s = tiering.select(lake, Level.HOUR, Instant.parse("2025-06-12T12:01:00Z"));
        assertEquals(List.of("hour/20250612_10_11.parquet"), targets(s));
        assertEquals(
                List.of("hour/20250612_10_11.parquet", "minute/20250612_1030-p0o99.parquet"),
                names(s.groups().get(0)));
    }

    @Test
    void lateFilesInsideAnExistingDayOrWeekAreLeftToThatLevelsRun() {
        LakeListing lake = lake(
                "day/20250612.parquet",
                "minute/20250612_1030.parquet",
                "week/20250601_20250607.parquet",
                "hour/20250603_10_11.parquet",
                "minute/20250603_1200.parquet");
        Instant now = Instant.parse("2025-06-16T00:10:00Z");
        Tiering.Selection hour = tiering.select(lake, Level.HOUR, now);
        assertEquals(List.of(), hour.groups());
        assertEquals(2, hour.skipped().size());
        assertTrue(
                hour.skipped().get(0).reason().contains("week/20250601_20250607.parquet"),
                hour.skipped().toString());
        Tiering.Selection day = tiering.select(lake, Level.DAY, now);
        assertEquals(List.of("day/20250612.parquet"), targets(day));
        assertEquals(1, day.skipped().size(), "day 06-03 lies inside the existing week");
        Tiering.Selection week = tiering.select(lake, Level.WEEK, now);
        assertEquals(List.of("week/20250601_20250607.parquet", "week/20250608_20250614.parquet"), targets(week));
        assertEquals(
                List.of(
                        "hour/20250603_10_11.parquet",
                        "minute/20250603_1200.parquet",
                        "week/20250601_20250607.parquet"),
                names(week.groups().get(0)));
    }

    @Test
    void aWindowCoveredAtTwoLevelsAfterACrashConvergesInTheCoarserRun() {
        LakeListing lake = lake("week/20250601_20250607.parquet", "day/20250601.parquet", "day/20250602.parquet");
        Tiering.Selection week = tiering.select(lake, Level.WEEK, Instant.parse("2025-06-09T00:10:00Z"));
        assertEquals(List.of("week/20250601_20250607.parquet"), targets(week));
        assertEquals(3, week.groups().get(0).inputs().size());
    }

    @Test
    void extraSuffixedFilesOfTheLevelItselfAreFolded() {
        LakeListing lake = lake("hour/20250612_10_11.parquet", "hour/20250612_10_11-backfill.parquet");
        Tiering.Selection s = tiering.select(lake, Level.HOUR, Instant.parse("2025-06-12T12:01:00Z"));
        assertEquals(List.of("hour/20250612_10_11.parquet"), targets(s));
        assertEquals(2, s.groups().get(0).inputs().size());
    }

    @Test
    void aMergedWindowWithoutStragglersHasNothingToDo() {
        LakeListing lake = lake("hour/20250612_10_11.parquet", "day/20250611.parquet");
        assertEquals(
                List.of(),
                tiering.select(lake, Level.HOUR, Instant.parse("2025-06-13T00:00:00Z"))
                        .groups());
        assertEquals(
                List.of(),
                tiering.select(lake, Level.DAY, Instant.parse("2025-06-13T00:00:00Z"))
                        .groups());
        assertTrue(tiering.selectWindow(lake, codec.parseWindow(Level.HOUR, "2025-06-12T10:00"))
                .isEmpty());
    }

    @Test
    void anExplicitWindowInsideAnExistingDayGoesIntoThatDay() {
        LakeListing lake = lake("day/20250612.parquet", "minute/20250612_1030.parquet", "minute/20250612_1130.parquet");
        Tiering.Group g = tiering.selectWindow(lake, codec.parseWindow(Level.HOUR, "2025-06-12T10:00"))
                .orElseThrow();
        assertEquals("day/20250612.parquet", codec.format(g.target()));
        assertEquals(List.of("day/20250612.parquet", "minute/20250612_1030.parquet"), names(g));
    }

    @Test
    void windowsFollowTheZoneAndWeekStart() {
        WindowCodec seoul = new WindowCodec(ZoneId.of("Asia/Seoul"), DayOfWeek.MONDAY);
        Tiering t = new Tiering(seoul, Duration.ZERO);
        LakeListing lake = new LakeListing(List.of(new LakeFile(
                seoul.parse("day/20250609.parquet").orElseThrow(),
                new StoredObject("day/20250609.parquet", 1, Instant.EPOCH, "e"))));
        // the Monday..Sunday week of 2025-06-09 closes at 2025-06-16T00:00+09:00
        assertEquals(
                List.of(),
                t.select(lake, Level.WEEK, Instant.parse("2025-06-15T14:59:59Z"))
                        .groups());
        assertEquals(
                1,
                t.select(lake, Level.WEEK, Instant.parse("2025-06-15T15:00:00Z"))
                        .groups()
                        .size());
    }
}
