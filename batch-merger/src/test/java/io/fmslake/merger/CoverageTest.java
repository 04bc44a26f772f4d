package io.fmslake.merger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {
    private final WindowCodec codec = new WindowCodec(ZoneId.of("UTC"), DayOfWeek.SUNDAY);

    private Window w(Level level, String text) {
        return codec.parseWindow(level, text);
    }

    @Test
    void gapsAreTheUncoveredStretchesBetweenFirstAndLastWindow() {
        List<Window> windows = List.of(
                w(Level.HOUR, "2025-06-12T09:00"),
                w(Level.MINUTE, "2025-06-12T10:00"),
                w(Level.MINUTE, "2025-06-12T10:01"),
                w(Level.MINUTE, "2025-06-12T10:05"),
                w(Level.DAY, "2025-06-11"));
        List<Coverage.Gap> gaps = Coverage.gaps(windows);
        assertEquals(
                List.of(
                        new Coverage.Gap(
                                LocalDateTime.parse("2025-06-12T00:00"), LocalDateTime.parse("2025-06-12T09:00")),
                        new Coverage.Gap(
                                LocalDateTime.parse("2025-06-12T10:02"), LocalDateTime.parse("2025-06-12T10:05"))),
                gaps);
        assertEquals(540, gaps.get(0).minutes());
        assertEquals(3, gaps.get(1).minutes());
    }

    @Test
    void nestedWindowsAreNoGap() {
        assertEquals(
                List.of(),
                Coverage.gaps(List.of(
                        w(Level.DAY, "2025-06-12"),
                        w(Level.MINUTE, "2025-06-12T10:00"),
                        w(Level.MINUTE, "2025-06-12T23:59"),
                        w(Level.HOUR, "2025-06-13T00:00"))));
    }

    @Test
    void overlapsPairEachFinerWindowWithItsCoarsestCover() {
        Window week = w(Level.WEEK, "2025-06-08");
        Window day = w(Level.DAY, "2025-06-12");
        Window minute = w(Level.MINUTE, "2025-06-12T10:00");
        Window alone = w(Level.MINUTE, "2025-06-20T10:00");
        List<Coverage.Overlap> o = Coverage.overlaps(List.of(week, day, minute, minute, alone));
        assertEquals(List.of(new Coverage.Overlap(day, week), new Coverage.Overlap(minute, week)), o);
    }
}
