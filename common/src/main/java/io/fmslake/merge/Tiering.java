package io.fmslake.merge;

import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which windows a merge run rolls up and into which target. Pure: works on a {@link LakeListing}.
 *
 * <p>Catch-up rule for a run of level L: every window W of level L that is closed and still has files of a finer
 * level inside it (or extra suffixed files of its own, which are not its parts) is merged into W's files, together
 * with W's existing base file and parts (late data, see {@link FoldRule}). A window that already lies inside an existing coarser file T is left to the run of T's level, which
 * folds the stragglers into T: the hour run never rewrites a day or a week.
 */
public final class Tiering {
    private final WindowCodec codec;
    private final Duration grace;

    public Tiering(WindowCodec codec, Duration grace) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    /** A target window and every file to fold into it (its own existing files included). */
    public record Group(Window target, List<LakeFile> inputs) {
        public Group {
            inputs = List.copyOf(inputs);
        }
    }

    /** A window with finer files that this run leaves alone, and why. */
    public record Skipped(Window window, String reason) {}

    public record Selection(List<Group> groups, List<Skipped> skipped) {
        public Selection {
            groups = List.copyOf(groups);
            skipped = List.copyOf(skipped);
        }
    }

    /** True once {@code now} is at least the window's end plus the grace: its files are final. */
    public boolean closed(Window w, Instant now) {
        return !now.isBefore(closesAt(w));
    }

    public Instant closesAt(Window w) {
        return codec.closesAt(w).plus(grace);
    }

    /** The catch-up selection of a run of {@code level} at {@code now}. */
    public Selection select(LakeListing lake, Level level, Instant now) {
        if (level == Level.MINUTE) {
            throw new IllegalArgumentException("minute files are not merged");
        }
        Set<Window> candidates = new TreeSet<>();
        for (LakeFile f : lake.files()) {
            if (f.level().isFinerThan(level) || (f.level() == level && !f.key().isMerged())) {
                candidates.add(codec.parentOf(f.window(), level));
            }
        }
        List<Group> groups = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Window w : candidates) {
            Optional<Window> coarser = lake.coarsestCovering(w);
            if (!closed(w, now)) {
                skipped.add(new Skipped(w, "open until " + closesAt(w)));
            } else if (coarser.isPresent()) {
                skipped.add(new Skipped(
                        w,
                        "inside existing " + codec.format(coarser.get()) + "; its files are folded in by the "
                                + coarser.get().level().folder() + " run"));
            } else {
                groupFor(lake, w, w).ifPresent(groups::add);
            }
        }
        return new Selection(groups, skipped);
    }

    /**
     * The group for one given window regardless of the run's schedule: the window's finer files go into the coarsest
     * existing file covering it, or into the window's own file. Does not check that the window is closed. Empty when
     * there is nothing to fold.
     */
    public Optional<Group> selectWindow(LakeListing lake, Window w) {
        Window target = lake.coarsestCovering(w).orElse(w);
        return groupFor(lake, target, w);
    }

    private static Optional<Group> groupFor(LakeListing lake, Window target, Window scope) {
        Set<LakeFile> inputs = new LinkedHashSet<>(lake.of(target));
        for (LakeFile f : lake.files()) {
            if (f.level().isFinerThan(target.level()) && scope.covers(f.window())) {
                inputs.add(f);
            }
        }
        boolean work = inputs.stream()
                .anyMatch(f -> !(f.window().equals(target) && f.key().isMerged()));
        return work ? Optional.of(new Group(target, new ArrayList<>(inputs))) : Optional.empty();
    }

    /** The window of {@code level} a command-line text names, e.g. {@code 2025-06-12T00:00} for an hour. */
    public Window parse(Level level, String text) {
        return codec.parseWindow(level, text);
    }

    public WindowCodec codec() {
        return codec;
    }
}
