package io.fmslake.backfill.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TierRouterTest {
    private static final WindowCodec UTC = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    private static final Duration GRACE = Duration.ofSeconds(20);

    private static String key(TierRouter router, String eventTime) {
        return UTC.format(router.targetOf(Instant.parse(eventTime).toEpochMilli()));
    }

    @Test
    void routesEachRowToItsTierRelativeToNow() {
        // Wednesday afternoon; the week runs Sunday 2025-06-08 .. Saturday 2025-06-14
        TierRouter r = new TierRouter(UTC, GRACE, Instant.parse("2025-06-11T14:30:00Z"));
        assertEquals("week/20250525_20250531.parquet", key(r, "2025-05-31T23:59:59.999Z"));
        assertEquals("week/20250601_20250607.parquet", key(r, "2025-06-01T00:00:00Z"));
        assertEquals("week/20250601_20250607.parquet", key(r, "2025-06-05T10:00:00Z"));
        assertEquals("day/20250608.parquet", key(r, "2025-06-08T00:00:00Z"));
        assertEquals("day/20250610.parquet", key(r, "2025-06-10T23:59:59.999Z"));
        assertEquals("hour/20250611_00_01.parquet", key(r, "2025-06-11T00:00:00Z"));
        assertEquals("hour/20250611_13_14.parquet", key(r, "2025-06-11T13:59:59.999Z"));
        assertEquals("minute/20250611_1400.parquet", key(r, "2025-06-11T14:00:00Z"));
        assertEquals("minute/20250611_1429.parquet", key(r, "2025-06-11T14:29:59Z"));
        assertEquals("minute/20250611_1430.parquet", key(r, "2025-06-11T14:30:00Z"));
        assertEquals("minute/20250611_1600.parquet", key(r, "2025-06-11T16:00:00Z"), "the future is minutes");
    }

    @Test
    void aWindowWithinItsGraceIsNotClosedYet() {
        TierRouter r = new TierRouter(UTC, GRACE, Instant.parse("2025-06-08T00:00:10Z"));
        assertEquals("minute/20250607_2359.parquet", key(r, "2025-06-07T23:59:30Z"));
        assertEquals("minute/20250607_2300.parquet", key(r, "2025-06-07T23:00:00Z"));
        assertEquals("hour/20250607_22_23.parquet", key(r, "2025-06-07T22:30:00Z"));
        assertEquals("day/20250606.parquet", key(r, "2025-06-06T12:00:00Z"));
        assertEquals("week/20250525_20250531.parquet", key(r, "2025-05-28T12:00:00Z"));

        TierRouter later = new TierRouter(UTC, GRACE, Instant.parse("2025-06-08T00:00:20Z"));
        assertEquals("week/20250601_20250607.parquet", key(later, "2025-06-07T23:59:30Z"));
    }

    @Test
    void aLaterClockPromotesAWindowToTheTierItHasReached() {
        Window minute = UTC.windowOf(Level.MINUTE, Instant.parse("2025-06-11T14:05:00Z"));
        Window hour = UTC.windowOf(Level.HOUR, Instant.parse("2025-06-11T13:00:00Z"));
        TierRouter same = new TierRouter(UTC, GRACE, Instant.parse("2025-06-11T14:30:00Z"));
        assertEquals(minute, same.targetOf(minute));
        assertEquals(hour, same.targetOf(hour));

        TierRouter nextHour = new TierRouter(UTC, GRACE, Instant.parse("2025-06-11T15:00:20Z"));
        assertEquals("hour/20250611_14_15.parquet", UTC.format(nextHour.targetOf(minute)));
        TierRouter nextDay = new TierRouter(UTC, GRACE, Instant.parse("2025-06-12T00:01:00Z"));
        assertEquals("day/20250611.parquet", UTC.format(nextDay.targetOf(minute)));
        assertEquals("day/20250611.parquet", UTC.format(nextDay.targetOf(hour)));
        TierRouter nextWeek = new TierRouter(UTC, GRACE, Instant.parse("2025-06-15T00:00:20Z"));
        assertEquals("week/20250608_20250614.parquet", UTC.format(nextWeek.targetOf(hour)));
    }

    @Test
    void namesFollowTheZoneAndTheWeekStart() {
        WindowCodec seoul = new WindowCodec(ZoneId.of("Asia/Seoul"), DayOfWeek.MONDAY);
        TierRouter r = new TierRouter(seoul, GRACE, Instant.parse("2025-06-11T14:30:00Z")); // 23:30 in Seoul
        assertEquals(
                "minute/20250611_2329.parquet",
                seoul.format(r.targetOf(Instant.parse("2025-06-11T14:29:59Z").toEpochMilli())));
        assertEquals(
                "hour/20250611_22_23.parquet",
                seoul.format(r.targetOf(Instant.parse("2025-06-11T13:59:59Z").toEpochMilli())));
        assertEquals(
                "day/20250609.parquet", // Monday of the current week, local date
                seoul.format(r.targetOf(Instant.parse("2025-06-08T15:00:00Z").toEpochMilli())));
        assertEquals(
                "week/20250602_20250608.parquet",
                seoul.format(r.targetOf(Instant.parse("2025-06-08T14:59:59Z").toEpochMilli())));
    }

    @Test
    void theMemoisedMinuteNeverLeaksIntoTheNextOne() {
        TierRouter r = new TierRouter(UTC, GRACE, Instant.parse("2025-06-11T14:30:00Z"));
        long boundary = Instant.parse("2025-06-11T14:00:00Z").toEpochMilli();
        assertEquals("hour/20250611_13_14.parquet", UTC.format(r.targetOf(boundary - 1)));
        assertEquals("minute/20250611_1400.parquet", UTC.format(r.targetOf(boundary)));
        assertEquals("hour/20250611_13_14.parquet", UTC.format(r.copy().targetOf(boundary - 1)));
    }

    @Test
    void memoisedAnswersEqualFreshOnesForTimesOutOfOrderInAnyZone() {
        for (String zone : new String[] {"UTC", "Asia/Kolkata", "America/St_Johns", "Europe/Berlin"}) {
            WindowCodec codec = new WindowCodec(ZoneId.of(zone), DayOfWeek.MONDAY);
            TierRouter r = new TierRouter(codec, GRACE, Instant.parse("2025-03-30T14:30:00Z"));
            java.util.Random random = new java.util.Random(zone.hashCode());
            long base = Instant.parse("2025-03-15T00:00:00Z").toEpochMilli();
            for (int i = 0; i < 20_000; i++) {
                long t =
                        base + (long) (random.nextDouble() * Duration.ofDays(17).toMillis());
                assertEquals(r.copy().targetOf(t), r.targetOf(t), zone + " at " + Instant.ofEpochMilli(t));
                assertEquals(r.copy().targetOf(t), r.targetOf(t), "asked again");
            }
        }
    }

    @Test
    void closedMeansEndPlusGrace() {
        TierRouter r = new TierRouter(UTC, GRACE, Instant.parse("2025-06-11T14:00:19.999Z"));
        Window h13 = UTC.windowOf(Level.HOUR, Instant.parse("2025-06-11T13:00:00Z"));
        assertFalse(r.isClosed(h13));
        assertTrue(new TierRouter(UTC, GRACE, Instant.parse("2025-06-11T14:00:20Z")).isClosed(h13));
    }
}
