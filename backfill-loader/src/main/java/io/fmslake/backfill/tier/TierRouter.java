package io.fmslake.backfill.tier;

import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides the tier of a row from its event time, relative to one fixed "now":
 * <ul>
 *   <li>a week that is closed (over, plus the grace) gets a week file;</li>
 *   <li>else a closed day (a day of the current week) gets a day file;</li>
 *   <li>else a closed hour (an hour of the current day) gets an hour file;</li>
 *   <li>else (the current hour, the last hour while still within the grace, the future) minute files.</li>
 * </ul>
 * "Closed" is the merger's and the collector's rule: {@code now >= closesAt(window) + grace}, so the backfill
 * never writes a merged file for a window the collector may still write minute files into.
 *
 * <p>Not thread-safe (it memoises the minutes looked up, a history's worth of them: records out of time order
 * keep returning to minutes already seen): give each thread its own {@link #copy()}.
 */
public final class TierRouter {
    private final WindowCodec codec;
    private final Duration grace;
    private final Instant now;
    /** Bounds the memo: about two weeks of minutes; cleared when full. */
    static final int MEMO_MINUTES = 20_000;

    private final Map<Long, Window> memo = new HashMap<>();

    public TierRouter(WindowCodec codec, Duration grace, Instant now) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.now = Objects.requireNonNull(now, "now");
    }

    public TierRouter copy() {
        return new TierRouter(codec, grace, now);
    }

    public Instant now() {
        return now;
    }

    /** The target window of a row with this event time (epoch millis). */
    public Window targetOf(long eventTimeMillis) {
        long minute = Math.floorDiv(eventTimeMillis, 60_000L);
        Window target = memo.get(minute);
        if (target != null) {
            return target;
        }
        target = targetOf(codec.windowOf(Level.MINUTE, eventTimeMillis));
        // Every instant of one UTC minute maps to the same local minute when the zone's offset is whole minutes
        // (true for every zone since 1972); memoise only then.
        if (codec.zone()
                                .getRules()
                                .getOffset(Instant.ofEpochMilli(eventTimeMillis))
                                .getTotalSeconds()
                        % 60
                == 0) {
            if (memo.size() >= MEMO_MINUTES) {
                memo.clear();
            }
            memo.put(minute, target);
        }
        return target;
    }

    /**
     * The coarsest closed window that covers {@code w}, at {@code w}'s level or above; {@code w} itself when
     * none is closed. Applied again at publish time with a later clock, it moves a window up to the tier it
     * has reached meanwhile (never down: closed windows stay closed).
     */
    public Window targetOf(Window w) {
        for (Level level : new Level[] {Level.WEEK, Level.DAY, Level.HOUR}) {
            if (level.isFinerThan(w.level())) {
                break;
            }
            Window parent = level == w.level() ? w : codec.parentOf(w, level);
            if (isClosed(parent)) {
                return parent;
            }
        }
        return w;
    }

    /** True once the clock is at least the window's end plus the grace. */
    public boolean isClosed(Window w) {
        return !now.isBefore(codec.closesAt(w).plus(grace));
    }
}
