package io.fmslake.merge;

import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the four tiers at one moment (a listing is not a snapshot; the lease of a window makes the files
 * inside it stable for everything but new minute files), or, listed apart, the dead letters under {@code errors/}
 * at their four levels: the two are planned and merged separately, each by the same rules. Keys the codec cannot
 * parse are skipped with a warning.
 */
public final class LakeListing {
    private static final Logger LOG = LoggerFactory.getLogger(LakeListing.class);
    private final List<LakeFile> files;

    public LakeListing(List<LakeFile> files) {
        this.files = files.stream()
                .sorted(Comparator.comparing((LakeFile f) -> f.window()).thenComparing(LakeFile::name))
                .toList();
    }

    /** Lists {@code minute/}, {@code hour/}, {@code day/} and {@code week/}. */
    public static LakeListing read(ObjectStore store, WindowCodec codec) {
        return read(store, codec, false);
    }

    /** The four tiers' files, or ({@code deadLetters}) the dead-letter files of every level under {@code errors/}. */
    public static LakeListing read(ObjectStore store, WindowCodec codec, boolean deadLetters) {
        List<LakeFile> files = new ArrayList<>();
        if (deadLetters) {
            add(files, store, codec, null, LakeKey.ERRORS + "/");
        } else {
            for (Level level : Level.values()) {
                add(files, store, codec, level, level.folder() + "/");
            }
        }
        return new LakeListing(files);
    }

    /**
     * The files whose window lies inside {@code w} or covers it: all that planning {@code w} reads (its own files,
     * finer files inside it, the coarser files that may already cover it). Lists only the key prefixes that can hold
     * them: the covering window's prefix at each coarser level, {@code w}'s own, and per local date of {@code w}
     * (per hour for the minutes of an hour) at each finer level. A few small listings, not the whole lake.
     */
    public static LakeListing around(ObjectStore store, WindowCodec codec, Window w) {
        return around(store, codec, w, false);
    }

    /**
     * As {@link #around(ObjectStore, WindowCodec, Window)}, for the window's rows or ({@code deadLetters}) its dead
     * letters. The dead letters of all levels share {@code errors/}, so one listing per prefix serves every level;
     * a prefix inside another one listed is not listed again.
     */
    public static LakeListing around(ObjectStore store, WindowCodec codec, Window w, boolean deadLetters) {
        List<LakeFile> files = new ArrayList<>();
        if (deadLetters) {
            TreeSet<String> prefixes = new TreeSet<>();
            for (Level level : Level.values()) {
                prefixes.addAll(prefixes(codec, w, level, true));
            }
            String previous = null;
            for (String prefix : prefixes) {
                if (previous == null || !prefix.startsWith(previous)) {
                    add(files, store, codec, null, prefix);
                    previous = prefix;
                }
            }
        } else {
            for (Level level : Level.values()) {
                for (String prefix : prefixes(codec, w, level, false)) {
                    add(files, store, codec, level, prefix);
                }
            }
        }
        return new LakeListing(files.stream()
                .filter(f -> w.covers(f.window()) || f.window().covers(w))
                .toList());
    }

    private static List<String> prefixes(WindowCodec codec, Window w, Level level, boolean deadLetters) {
        if (!level.isFinerThan(w.level())) {
            return codec.listingPrefixes(level == w.level() ? w : codec.parentOf(w, level), deadLetters);
        }
        String folder = deadLetters ? LakeKey.ERRORS : level.folder();
        List<String> out = new ArrayList<>();
        for (LocalDate d = w.start().toLocalDate();
                d.isBefore(w.end().toLocalDate()) || out.isEmpty();
                d = d.plusDays(1)) {
            String day = folder + "/" + d.format(DateTimeFormatter.BASIC_ISO_DATE);
            out.add(w.level() == Level.HOUR ? day + "_" + two(w.start().getHour()) : day);
        }
        return out;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    /** Adds the listed files of {@code level}, or (level null) the dead-letter files of any level. */
    private static void add(List<LakeFile> files, ObjectStore store, WindowCodec codec, Level level, String prefix) {
        for (StoredObject o : store.list(prefix)) {
            Optional<LakeKey> key = codec.parse(o.key());
            boolean wanted = key.isPresent()
                    && (level == null
                            ? key.get().deadLetter()
                            : !key.get().deadLetter() && key.get().window().level() == level);
            if (wanted) {
                files.add(new LakeFile(key.get(), o));
            } else {
                LOG.warn("ignoring {}: not a lake file name", o.key());
            }
        }
    }

    public List<LakeFile> files() {
        return files;
    }

    public List<LakeFile> at(Level level) {
        return files.stream().filter(f -> f.level() == level).toList();
    }

    /** Files of levels finer than {@code w}'s level that lie inside {@code w}. */
    public List<LakeFile> finerInside(Window w) {
        return files.stream()
                .filter(f -> f.level().isFinerThan(w.level()) && w.covers(f.window()))
                .toList();
    }

    /** Files of exactly {@code w} (the base file and any suffixed extra files). */
    public List<LakeFile> of(Window w) {
        return files.stream().filter(f -> f.window().equals(w)).toList();
    }

    /** The coarsest window with a file that covers {@code w} and is coarser than it, if any. */
    public Optional<Window> coarsestCovering(Window w) {
        return files.stream()
                .map(LakeFile::window)
                .filter(o -> w.level().isFinerThan(o.level()) && o.covers(w))
                .max(Comparator.comparing(Window::level));
    }
}
