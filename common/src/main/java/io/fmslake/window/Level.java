package io.fmslake.window;

import java.util.Locale;

/** The four tiers of the lake, finest first. Each is also the top-level folder of its files. */
public enum Level {
    MINUTE,
    HOUR,
    DAY,
    WEEK;

    /** The folder under the bucket: {@code minute}, {@code hour}, {@code day} or {@code week}. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinerThan(Level other) {
        return ordinal() < other.ordinal();
    }

    /** The next coarser level, or null for {@link #WEEK}. */
    public Level coarser() {
        return this == WEEK ? null : values()[ordinal() + 1];
    }
}
