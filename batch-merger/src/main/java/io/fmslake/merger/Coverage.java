package io.fmslake.merger;

import io.fmslake.window.Window;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which local time the lake's windows cover: the gaps between them and windows covered at two levels. Pure. */
final class Coverage {
    private Coverage() {}

    /** A stretch of local time no file's window covers, [from, to). */
    record Gap(LocalDateTime from, LocalDateTime to) {
        long minutes() {
            return Duration.between(from, to).toMinutes();
        }
    }

    /** A window that has a file while a coarser file covering it exists too. */
    record Overlap(Window finer, Window coarser) {}

    /** Gaps between the first window's start and the last window's end. */
    static List<Gap> gaps(List<Window> windows) {
        List<Window> sorted =
                windows.stream().sorted(Comparator.comparing(Window::start)).toList();
        List<Gap> gaps = new ArrayList<>();
        LocalDateTime coveredTo = null;
        for (Window w : sorted) {
            if (coveredTo != null && w.start().isAfter(coveredTo)) {
                gaps.add(new Gap(coveredTo, w.start()));
            }
            if (coveredTo == null || w.end().isAfter(coveredTo)) {
                coveredTo = w.end();
            }
        }
        return gaps;
    }

    /** Each distinct (finer, coarsest covering) pair. */
    static List<Overlap> overlaps(List<Window> windows) {
        List<Window> distinct = windows.stream().distinct().sorted().toList();
        List<Overlap> out = new ArrayList<>();
        for (Window finer : distinct) {
            distinct.stream()
                    .filter(c -> finer.level().isFinerThan(c.level()) && c.covers(finer))
                    .max(Comparator.comparing(Window::level))
                    .ifPresent(c -> out.add(new Overlap(finer, c)));
        }
        return out;
    }
}
