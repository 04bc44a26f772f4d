package io.fmslake.window;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The object key of one lake file: a window, an optional suffix, and whether it is a dead-letter file under
 * {@code errors/}. A suffix either names a <b>part</b> of a merged hour, day or week written as several files
 * ({@code day/20250612-part-20250612T000000000Z-3f9a0c41d2e87b65.parquet}, see {@link WindowCodec#partKey}), or an
 * <b>extra file</b> still to be folded into its window ({@code minute/20250612_1122-p0o42.parquet}). A window's
 * merged files are its base file and its parts. Built and parsed only by {@link WindowCodec}.
 *
 * <p>Dead-letter keys live in the one folder {@code errors/} at every level, named like the tiers' files: the
 * collector's and the backfill's minute files always carry a suffix ({@code errors/20250612_1122-p0o42.parquet}); the
 * merger rolls them up into {@code errors/20250612_00_01.parquet} (hour), {@code errors/20250612.parquet} (day) and
 * {@code errors/20250601_20250607.parquet} (week), with parts like the rows' windows. One folder keeps a reader's
 * {@code errors/*.parquet} glob working.
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

    /** The base key of a window's rows ({@code deadLetters} false) or of its rolled-up dead letters. */
    public static LakeKey base(Window window, boolean deadLetters) {
        return new LakeKey(window, Optional.empty(), deadLetters);
    }

    /** True for the window's own file, the one with the seed's exact name. */
    public boolean isBase() {
        return suffix.isEmpty();
    }

    /** True for a part of a merged window written as several files. */
    public boolean isPart() {
        return window.level() != Level.MINUTE
                && suffix.isPresent()
                && WindowCodec.PART.matcher(suffix.get()).matches();
    }

    /** True for a merged file of the window: its base file or one of its parts (not an extra file to fold). */
    public boolean isMerged() {
        return isBase() || isPart();
    }

    /** The folder of this key: the level's folder, or {@code errors}. */
    public String folder() {
        return deadLetter ? ERRORS : window.level().folder();
    }
}
