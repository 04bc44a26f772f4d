package io.fmslake.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowCodecTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private final WindowCodec utc = new WindowCodec(UTC, DayOfWeek.SUNDAY);

    @Test
    void formatsTheSeedExamples() {
        Instant t = Instant.parse("2025-06-12T11:22:33Z");
        assertEquals("minute/20250612_1122.parquet", utc.format(utc.windowOf(Level.MINUTE, t)));
        assertEquals(
                "hour/20250612_00_01.parquet",
                utc.format(utc.windowOf(Level.HOUR, Instant.parse("2025-06-12T00:59:59Z"))));
        assertEquals(
                "day/20250608.parquet", utc.format(utc.windowOf(Level.DAY, Instant.parse("2025-06-08T10:00:00Z"))));
        // 2025-06-01 is a Sunday: the seed's week runs Sunday to Saturday
        assertEquals(
                "week/20250601_20250607.parquet",
                utc.format(utc.windowOf(Level.WEEK, Instant.parse("2025-06-07T23:59:59Z"))));
    }

    @Test
    void lastHourOfTheDayEndsAt24() {
        Window w = utc.windowOf(Level.HOUR, Instant.parse("2025-06-12T23:30:00Z"));
        assertEquals("hour/20250612_23_24.parquet", utc.format(w));
        assertEquals(Optional.of(LakeKey.of(w)), utc.parse("hour/20250612_23_24.parquet"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"})
    void weeksStartOnTheConfiguredDay(DayOfWeek start) {
        WindowCodec codec = new WindowCodec(UTC, start);
        LocalDate day = LocalDate.of(2025, 6, 12);
        for (int i = 0; i < 14; i++) {
            Window w = codec.windowOf(Level.WEEK, day.plusDays(i).atTime(12, 0));
            assertEquals(start, w.start().getDayOfWeek());
            assertTrue(w.covers(codec.windowOf(Level.DAY, day.plusDays(i).atTime(12, 0))));
            String key = codec.format(w);
            assertEquals(Optional.of(LakeKey.of(w)), codec.parse(key));
            assertEquals(
                    w.start().toLocalDate().plusDays(6).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
                    key.substring(key.indexOf('_') + 1, key.indexOf('.')));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Seoul", "Europe/Berlin"})
    void everyMinuteOfAYearRoundTrips(String zoneId) {
        WindowCodec codec = new WindowCodec(ZoneId.of(zoneId), DayOfWeek.SUNDAY);
        Instant t = ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneId.of(zoneId)).toInstant();
        Instant end =
                ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneId.of(zoneId)).toInstant();
        int minutes = 0;
        for (; t.isBefore(end); t = t.plusSeconds(60)) {
            for (Level level : Level.values()) {
                Window w = codec.windowOf(level, t);
                String key = codec.format(w);
                LakeKey parsed = codec.parse(key).orElseThrow(() -> new AssertionError("unparsable " + key));
                assertEquals(w, parsed.window(), key);
                assertFalse(codec.startInstant(w).isAfter(t), key);
                assertTrue(codec.closesAt(w).isAfter(t), key);
            }
            minutes++;
        }
        assertEquals(365 * 24 * 60, minutes);
    }

    @Test
    void suffixedAndDeadLetterKeysRoundTrip() {
        Window m = utc.windowOf(Level.MINUTE, Instant.parse("2025-06-12T11:22:00Z"));
        LakeKey late = LakeKey.of(m, "p3o1200");
        assertEquals("minute/20250612_1122-p3o1200.parquet", utc.format(late));
        assertEquals(Optional.of(late), utc.parse(utc.format(late)));
        LakeKey dead = LakeKey.deadLetter(m, "p0o7");
        assertEquals("errors/20250612_1122-p0o7.parquet", utc.format(dead));
        assertEquals(Optional.of(dead), utc.parse(utc.format(dead)));
        assertTrue(utc.format(late).startsWith(utc.prefix(m)));
        assertTrue(utc.format(dead).startsWith(utc.deadLetterPrefix(m)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "minute/20250612_1122.csv",
                "minute/2025061_1122.parquet",
                "hour/20250612_00_02.parquet",
                "hour/20250612_23_00.parquet",
                "day/20250612_00.parquet",
                "week/20250602_20250608.parquet",
                "week/20250601_20250608.parquet",
                "minute/20250612_1160.parquet",
                "minute/20250230_1122.parquet",
                "other/20250612.parquet",
                "minute/20250612_1122-a/b.parquet",
                "minute/20250612_1122-.parquet",
                "",
                "errors/20250612_00_02.parquet",
                "errors/20250602_20250608.parquet",
                "errors/20250612_1160-p0o1.parquet",
                "errors/20250612_00.parquet",
                "minute/20250612_00_01.parquet",
                "day/20250612_1122.parquet"
            })
    void rejectsKeysItCouldNotHaveWritten(String key) {
        assertEquals(Optional.empty(), utc.parse(key));
    }

    @Test
    void springForwardSkipsTheMissingHour() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        WindowCodec codec = new WindowCodec(berlin, DayOfWeek.SUNDAY);
        // 2025-03-30 02:00 CET jumps to 03:00 CEST
        Instant before = ZonedDateTime.of(2025, 3, 30, 1, 59, 0, 0, berlin).toInstant();
        Instant after = before.plusSeconds(60);
        assertEquals("hour/20250330_01_02.parquet", codec.format(codec.windowOf(Level.HOUR, before)));
        assertEquals("hour/20250330_03_04.parquet", codec.format(codec.windowOf(Level.HOUR, after)));
        Window h1 = codec.windowOf(Level.HOUR, before);
        assertEquals(after, codec.closesAt(h1));
        // the day still holds 23 real hours and closes at local midnight
        Window day = codec.windowOf(Level.DAY, before);
        assertEquals(
                23 * 3600L,
                codec.closesAt(day).getEpochSecond() - codec.startInstant(day).getEpochSecond());
    }

    @Test
    void fallBackFoldsTheRepeatedHourIntoOneWindowThatClosesAfterTheSecondPass() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        WindowCodec codec = new WindowCodec(berlin, DayOfWeek.SUNDAY);
        // 2025-10-26 03:00 CEST falls back to 02:00 CET: 02:00-03:00 local happens twice
        Instant firstPass = Instant.parse("2025-10-26T00:30:00Z"); // 02:30 CEST
        Instant secondPass = Instant.parse("2025-10-26T01:30:00Z"); // 02:30 CET
        Window a = codec.windowOf(Level.MINUTE, firstPass);
        Window b = codec.windowOf(Level.MINUTE, secondPass);
        assertEquals(a, b);
        assertEquals("minute/20251026_0230.parquet", codec.format(a));
        assertEquals(Instant.parse("2025-10-26T01:31:00Z"), codec.closesAt(a));
        Window hour = codec.windowOf(Level.HOUR, firstPass);
        assertEquals("hour/20251026_02_03.parquet", codec.format(hour));
        assertEquals(Instant.parse("2025-10-26T00:00:00Z"), codec.startInstant(hour));
        assertEquals(Instant.parse("2025-10-26T02:00:00Z"), codec.closesAt(hour));
        Window day = codec.windowOf(Level.DAY, firstPass);
        assertEquals(
                25 * 3600L,
                codec.closesAt(day).getEpochSecond() - codec.startInstant(day).getEpochSecond());
    }

    @Test
    void parsesCommandLineWindows() {
        assertEquals(
                new Window(Level.HOUR, LocalDateTime.of(2025, 6, 12, 0, 0)),
                utc.parseWindow(Level.HOUR, "2025-06-12T00:00"));
        assertEquals(
                new Window(Level.HOUR, LocalDateTime.of(2025, 6, 12, 7, 0)),
                utc.parseWindow(Level.HOUR, "2025-06-12T07"));
        assertEquals(
                new Window(Level.DAY, LocalDateTime.of(2025, 6, 12, 0, 0)), utc.parseWindow(Level.DAY, "2025-06-12"));
        assertEquals(
                new Window(Level.WEEK, LocalDateTime.of(2025, 6, 1, 0, 0)), utc.parseWindow(Level.WEEK, "2025-06-01"));
        IllegalArgumentException notFirst =
                assertThrows(IllegalArgumentException.class, () -> utc.parseWindow(Level.WEEK, "2025-06-02"));
        assertTrue(notFirst.getMessage().contains("SUNDAY"), notFirst.getMessage());
        IllegalArgumentException bad =
                assertThrows(IllegalArgumentException.class, () -> utc.parseWindow(Level.DAY, "12.06.2025"));
        assertTrue(bad.getMessage().contains("2025-06-12"), bad.getMessage());
    }

    @Test
    void windowsCoverTheirChildren() {
        Window day = utc.windowOf(Level.DAY, Instant.parse("2025-06-12T05:00:00Z"));
        assertTrue(day.covers(utc.windowOf(Level.MINUTE, Instant.parse("2025-06-12T23:59:00Z"))));
        assertFalse(day.covers(utc.windowOf(Level.MINUTE, Instant.parse("2025-06-13T00:00:00Z"))));
        assertFalse(
                utc.windowOf(Level.HOUR, Instant.parse("2025-06-12T05:00:00Z")).covers(day));
        assertEquals(utc.windowOf(Level.WEEK, Instant.parse("2025-06-12T05:00:00Z")), utc.parentOf(day, Level.WEEK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Seoul", "Europe/Berlin"})
    void partKeysRoundTripAndAreToldApartFromExtraFiles(String zoneId) {
        WindowCodec codec = new WindowCodec(ZoneId.of(zoneId), DayOfWeek.SUNDAY);
        Instant first = Instant.parse("2025-06-03T10:15:00.123Z");
        for (Level level : new Level[] {Level.HOUR, Level.DAY, Level.WEEK}) {
            Window w = codec.windowOf(level, first);
            LakeKey part = codec.partKey(w, first.toEpochMilli(), "0:0-99;3:5-7");
            String key = codec.format(part);
            assertTrue(key.startsWith(codec.prefix(w) + "-part-20250603T101500123Z-"), key);
            assertTrue(key.endsWith(".parquet"), key);
            assertEquals(Optional.of(part), codec.parse(key));
            assertTrue(part.isPart() && part.isMerged() && !part.isBase());
            assertEquals(Optional.of(first), WindowCodec.partStart(part));
            assertEquals(part, codec.partKey(w, first.toEpochMilli(), "0:0-99;3:5-7"), "a function of the content");
            assertFalse(part.equals(codec.partKey(w, first.toEpochMilli(), "0:0-98;3:5-7")));
            LakeKey extra = codec.parse(codec.prefix(w) + "-p0o42.parquet").orElseThrow();
            assertFalse(extra.isPart() || extra.isMerged());
            assertTrue(LakeKey.of(w).isMerged() && !LakeKey.of(w).isPart());
        }
        Window minute = codec.windowOf(Level.MINUTE, first);
        assertThrows(IllegalArgumentException.class, () -> codec.partKey(minute, 0, "0:1-1"));
        LakeKey minuteSuffix = codec.parse(codec.prefix(minute) + "-part-20250603T101500123Z-0123456789abcdef.parquet")
                .orElseThrow();
        assertFalse(minuteSuffix.isPart(), "minute files have no parts: such a suffix is an extra file");
        assertEquals(Optional.empty(), WindowCodec.partStart(LakeKey.of(minute)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Seoul", "Europe/Berlin"})
    void deadLetterKeysOfEveryLevelRoundTripInTheOneErrorsFolder(String zoneId) {
        WindowCodec codec = new WindowCodec(ZoneId.of(zoneId), DayOfWeek.SUNDAY);
        Instant t = Instant.parse("2025-06-03T10:15:00.123Z");
        for (Level level : Level.values()) {
            Window w = codec.windowOf(level, t);
            String rows = codec.format(LakeKey.base(w, false));
            String errors = codec.format(LakeKey.base(w, true));
            assertEquals("errors/" + rows.substring(rows.indexOf('/') + 1), errors, "the tier's name, under errors/");
            LakeKey base = codec.parse(errors).orElseThrow(() -> new AssertionError(errors));
            assertEquals(new LakeKey(w, Optional.empty(), true), base);
            assertTrue(base.isBase() && base.isMerged() && base.deadLetter());
            LakeKey extra =
                    codec.parse(codec.prefix(w, true) + "-p0o42.parquet").orElseThrow();
            assertEquals(LakeKey.ERRORS, extra.folder());
            assertFalse(extra.isMerged(), "a suffix that is not a part is a file to fold");
            if (level != Level.MINUTE) {
                LakeKey part = codec.partKey(w, t.toEpochMilli(), "0:0-9", true);
                String key = codec.format(part);
                assertTrue(key.startsWith(errors.replace(".parquet", "-part-")), key);
                assertEquals(Optional.of(part), codec.parse(key));
                assertTrue(part.isPart() && part.deadLetter());
                assertFalse(part.equals(codec.partKey(w, t.toEpochMilli(), "0:0-9")), "rows and errors differ");
            }
            for (String prefix : codec.listingPrefixes(w, true)) {
                assertTrue(errors.startsWith(prefix) || key(codec, extra).startsWith(prefix), prefix);
            }
        }
        assertEquals(
                List.of("errors/20250603.parquet", "errors/20250603-"),
                codec.listingPrefixes(codec.windowOf(Level.DAY, Instant.parse("2025-06-03T12:00:00Z")), true),
                "a day's own files, not its minutes' and hours' (errors/20250603_...)");
        assertEquals(
                List.of("day/20250603"),
                codec.listingPrefixes(codec.windowOf(Level.DAY, Instant.parse("2025-06-03T12:00:00Z")), false));
    }

    private static String key(WindowCodec codec, LakeKey key) {
        return codec.format(key);
    }
}
