package io.fmslake.merger;

import io.fmslake.window.Window;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One share of a catch-up split across pods (a Kubernetes Indexed Job): shard {@code index} of {@code count} takes
 * the windows whose position in time, counted in windows of their level since 1970-01-01 local time, is
 * {@code index} modulo {@code count}. So every window belongs to exactly one shard, whatever else the lake holds,
 * and consecutive windows (a backlog after an outage) go to the shards in turn.
 */
record Shard(int index, int count) {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,4})/(\\d{1,4})");

    /** Every window: a run without sharding. */
    static final Shard ALL = new Shard(0, 1);

    Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": need 0 <= index < count");
        }
    }

    /**
     * Parses {@code i/n} as given to {@code --shard}.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    static Shard parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard '" + text + "' is not <index>/<count>, e.g. 0/3");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    boolean contains(Window w) {
        return Math.floorMod(position(w), count) == index;
    }

    /** Windows of {@code w}'s level between 1970-01-01T00:00 and {@code w}'s start, both local time. */
    static long position(Window w) {
        LocalDateTime start = w.start();
        long day = start.toLocalDate().toEpochDay();
        return switch (w.level()) {
            case MINUTE -> (day * 24 + start.getHour()) * 60 + start.getMinute();
            case HOUR -> day * 24 + start.getHour();
            case DAY -> day;
            case WEEK -> Math.floorDiv(day, 7);
        };
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
