package io.fmslake.window;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A time window of one level, identified by its start in local wall-clock time of the lake's zone.
 * Instances are canonical only when made by {@link WindowCodec}, which truncates the start to the level.
 * Windows order by start, then by level (finer first).
 */
public record Window(Level level, LocalDateTime start) implements Comparable<Window> {
    public Window {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(start, "start");
    }

    /** The exclusive local end: start plus one minute, hour, day or week. */
    public LocalDateTime end() {
        return switch (level) {
            case MINUTE -> start.plusMinutes(1);
            case HOUR -> start.plusHours(1);
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
        };
    }

    /** True when {@code other} lies inside this window (same or finer level). */
    public boolean covers(Window other) {
        return !level.isFinerThan(other.level)
                && !other.start.isBefore(start)
                && !other.end().isAfter(end());
    }

    @Override
    public int compareTo(Window o) {
        int c = start.compareTo(o.start);
        return c != 0 ? c : level.compareTo(o.level);
    }

    @Override
    public String toString() {
        return level.folder() + "@" + start;
    }
}
