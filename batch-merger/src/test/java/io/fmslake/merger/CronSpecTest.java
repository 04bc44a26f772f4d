package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

class CronSpecTest {
    private static Instant next(String cron, String after, String zone) throws ParseException {
        CronExpression e = new CronExpression(CronSpec.toQuartz(cron));
        e.setTimeZone(TimeZone.getTimeZone(zone));
        return e.getNextValidTimeAfter(Date.from(Instant.parse(after))).toInstant();
    }

    @Test
    void theSeedsSchedulesConvert() {
        assertEquals("0 1 * * * ?", CronSpec.toQuartz("1 * * * *"));
        assertEquals("0 5 0 * * ?", CronSpec.toQuartz("5 0 * * *"));
        assertEquals("0 10 0 ? * 2", CronSpec.toQuartz("10 0 * * 1"));
    }

    @Test
    void convertedSchedulesFireWhenCronWould() throws ParseException {
        assertEquals(Instant.parse("2025-06-12T11:01:00Z"), next("1 * * * *", "2025-06-12T10:01:00Z", "UTC"));
        assertEquals(Instant.parse("2025-06-13T00:05:00Z"), next("5 0 * * *", "2025-06-12T10:00:00Z", "UTC"));
        // 2025-06-12 is a Thursday; the next Monday is 06-16
        assertEquals(Instant.parse("2025-06-16T00:10:00Z"), next("10 0 * * 1", "2025-06-12T10:00:00Z", "UTC"));
        // in Seoul, Monday 00:10 local is Sunday 15:10 UTC
        assertEquals(Instant.parse("2025-06-15T15:10:00Z"), next("10 0 * * 1", "2025-06-12T10:00:00Z", "Asia/Seoul"));
        // Sunday as 0 and as 7, and a weekday range
        assertEquals(Instant.parse("2025-06-15T03:00:00Z"), next("0 3 * * 0", "2025-06-12T10:00:00Z", "UTC"));
        assertEquals(Instant.parse("2025-06-15T03:00:00Z"), next("0 3 * * 7", "2025-06-12T10:00:00Z", "UTC"));
        assertEquals(Instant.parse("2025-06-13T03:00:00Z"), next("0 3 * * 1-5", "2025-06-12T10:00:00Z", "UTC"));
        assertEquals(Instant.parse("2025-06-14T03:00:00Z"), next("0 3 * * SAT", "2025-06-12T10:00:00Z", "UTC"));
    }

    @Test
    void dayOfMonthSchedulesAndQuartzExpressionsPassThrough() {
        assertEquals("0 0 6 1 * ?", CronSpec.toQuartz("0 6 1 * *"));
        assertEquals("30 0 6 * * ?", CronSpec.toQuartz("30 0 6 * * ?"));
    }

    @Test
    void unusableExpressionsAreRejectedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> CronSpec.toQuartz("1 * * *"));
        assertThrows(IllegalArgumentException.class, () -> CronSpec.toQuartz("61 * * * *"));
        assertThrows(IllegalArgumentException.class, () -> CronSpec.toQuartz("0 0 1 * 1"));
        assertThrows(IllegalArgumentException.class, () -> CronSpec.toQuartz("0 0 * * 8"));
        assertThrows(IllegalArgumentException.class, () -> CronSpec.toQuartz("0 0 * * */2"));
    }
}
