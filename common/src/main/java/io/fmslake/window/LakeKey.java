package io.fmslake.window;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The object key of one lake file: a window, an optional suffix for the extra files of a window
 * ({@code minute/20250612_1122-p0o42.parquet}), and whether it is a dead-letter file under {@code errors/}.
 * Built and parsed only by {@link WindowCodec}.
 */
public record LakeKey(Window window, Optional<String> suffix, boolean deadLetter) {
    /** Legal suffix characters; a suffix never contains '/' so keys stay one level deep. */
    public static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9_.]+(-[A-Za-z0-9_.]+)*");
    public static final String ERRORS = "errors";
    public static final String EXTENSION = ".parquet";

    public LakeKey {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(suffix, "suffix");
        suffix.ifPresent(s -> {
            if (!SUFFIX.matcher(s).matches()) {
                throw new IllegalArgumentException("illegal key suffix '" + s + "'");
            }
        });
        if (deadLetter && window.level() != Level.MINUTE) {
            throw new IllegalArgumentException("dead-letter keys are per minute, got " + window);
        }
    }

    public static LakeKey of(Window window) {
        return new LakeKey(window, Optional.empty(), false);
    }

    public static LakeKey of(Window window, String suffix) {
        return new LakeKey(window, Optional.of(suffix), false);
    }

    public static LakeKey deadLetter(Window minute, String suffix) {
        return new LakeKey(minute, Optional.of(suffix), true);
    }

    /** True for the window's own file, the one with the seed's exact name. */
    public boolean isBase() {
        return suffix.isEmpty();
    }

    /** The folder of this key: the level's folder, or {@code errors}. */
    public String folder() {
        return deadLetter ? ERRORS : window.level().folder();
    }
}
