package io.fmslake.merge;

import io.fmslake.parquet.FileFooter;
import io.fmslake.parquet.FileSummary;
import io.fmslake.parquet.StoreInputFile;
import io.fmslake.row.OffsetSet;
import io.fmslake.store.ObjectStore;
import io.fmslake.store.StoredObject;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import io.fmslake.window.WindowCodec;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the lake's current files into {@link MergePlan}s: which target, which inputs, which of the window's parts
 * are kept, how many rows ({@link FoldRule}). Reads the footers of the window's files and of the files to fold
 * (one ranged GET each). Plan a window under its lease ({@link WindowLeases}): only its holder changes the
 * window's files.
 *
 * <p>A planner plans either the rows' tiers or ({@link #forDeadLetters()}) the dead letters under {@code errors/}:
 * the same rules on their own files, never mixing the two.
 */
public final class MergePlanner {
    private final ObjectStore store;
    private final Tiering tiering;
    private final long targetFileBytes;
    private final boolean deadLetters;

    /** With {@link MergeOptions#DEFAULT_TARGET_FILE_BYTES}. */
    public MergePlanner(ObjectStore store, Tiering tiering) {
        this(store, tiering, MergeOptions.DEFAULT_TARGET_FILE_BYTES);
    }

    /** @param targetFileBytes the merge's {@link MergeOptions#targetFileBytes()}: decides full merge or fold */
    public MergePlanner(ObjectStore store, Tiering tiering, long targetFileBytes) {
        this(store, tiering, targetFileBytes, false);
    }

    private MergePlanner(ObjectStore store, Tiering tiering, long targetFileBytes, boolean deadLetters) {
        this.store = Objects.requireNonNull(store, "store");
        this.tiering = Objects.requireNonNull(tiering, "tiering");
        this.targetFileBytes = targetFileBytes;
        this.deadLetters = deadLetters;
    }

    /** A planner of the dead letters' roll-up ({@code errors/}), with the same settings. */
    public MergePlanner forDeadLetters() {
        return new MergePlanner(store, tiering, targetFileBytes, true);
    }

    /** True when this planner plans dead letters. */
    public boolean deadLetters() {
        return deadLetters;
    }

    /** The plans of a catch-up run, plus the windows it leaves alone. */
    public record RunPlan(List<MergePlan> plans, List<Tiering.Skipped> skipped) {
        public RunPlan {
            plans = List.copyOf(plans);
            skipped = List.copyOf(skipped);
        }
    }

    /** Which closed windows of {@code level} have finer files to merge, and which are left alone (no footer read). */
    public Tiering.Selection select(Level level, Instant now) {
        return tiering.select(LakeListing.read(store, codec(), deadLetters), level, now);
    }

    /** Every closed window of {@code level} with finer files (see {@link Tiering}). */
    public RunPlan planRun(Level level, Instant now) {
        Tiering.Selection selection = select(level, now);
        List<MergePlan> plans = new ArrayList<>();
        for (Tiering.Group g : selection.groups()) {
            plans.add(toPlan(g, List.of()));
        }
        return new RunPlan(plans, selection.skipped());
    }

    /**
     * The window whose files {@link #planWindow} and {@link #planInto} would rewrite for {@code w}: the coarsest
     * existing window with a file covering {@code w}, else {@code w}. Its lease is the one to hold while planning and
     * merging; once held, the answer cannot change (a coarser file covering it is only written under the lease of a
     * window that overlaps it).
     */
    public Window targetOf(Window w) {
        return LakeListing.around(store, codec(), w, deadLetters)
                .coarsestCovering(w)
                .orElse(w);
    }

    /** True when {@link #planWindow} would find work for the window (listings only, no footer read). */
    public boolean hasWork(Window w) {
        return tiering.selectWindow(LakeListing.around(store, codec(), w, deadLetters), w)
                .isPresent();
    }

    /** The plan for one window (its files go into the coarsest existing file covering it), if it has work. */
    public Optional<MergePlan> planWindow(Window w) {
        return tiering.selectWindow(LakeListing.around(store, codec(), w, deadLetters), w)
                .map(g -> toPlan(g, List.of()));
    }

    /**
     * The plan that folds the caller's local files, plus whatever the lake holds inside {@code w}, into the coarsest
     * existing file covering {@code w}, or into {@code w}'s own file. For loaders writing into the tiered layout.
     */
    public MergePlan planInto(Window w, List<MergeInput.LocalFile> extra) {
        LakeListing lake = LakeListing.around(store, codec(), w, deadLetters);
        Window target = lake.coarsestCovering(w).orElse(w);
        Tiering.Group g = tiering.selectWindow(lake, w).orElseGet(() -> new Tiering.Group(target, lake.of(target)));
        return toPlan(g, extra);
    }

    public WindowCodec codec() {
        return tiering.codec();
    }

    public Tiering tiering() {
        return tiering;
    }

    private MergePlan toPlan(Tiering.Group g, List<MergeInput.LocalFile> extra) {
        String targetKey = codec().format(LakeKey.base(g.target(), deadLetters));
        List<MergeInput.StoreFile> own = new ArrayList<>();
        List<MergeInput> fold = new ArrayList<>();
        OffsetSet lake = new OffsetSet();
        for (LakeFile f : g.inputs()) {
            MergeInput.StoreFile sf = new MergeInput.StoreFile(f.object(), footer(f.object()));
            lake.addAll(sf.summary().offsets());
            if (f.window().equals(g.target()) && f.key().isMerged()) {
                own.add(sf);
            } else {
                fold.add(sf);
            }
        }
        fold.addAll(extra);
        FoldRule.Outcome o = FoldRule.apply(own, fold, targetFileBytes);
        OffsetSet read = new OffsetSet();
        long rows = 0;
        for (MergeInput in : o.inputs()) {
            read.addAll(in.summary().offsets());
            rows += in.summary().rows();
        }
        OffsetSet kept = new OffsetSet();
        for (MergeInput.StoreFile sf : own) {
            if (o.kept().contains(sf.object())) {
                kept.addAll(sf.summary().offsets());
            }
        }
        OffsetSet expected = FoldRule.minus(read, kept);
        Optional<String> etag = store.stat(targetKey).map(StoredObject::etag);
        return new MergePlan(
                g.target(),
                targetKey,
                o.inputs(),
                o.kept(),
                o.deletes(),
                rows,
                expected.count(),
                expected.encode(),
                kept.encode(),
                lake.encode(),
                etag,
                codec());
    }

    private FileSummary footer(StoredObject object) {
        try {
            return FileFooter.read(new StoreInputFile(store, object)).summary();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new MergeException("cannot read the footer of " + object.key() + ": " + e.getMessage(), e);
        }
    }
}
