package io.fmslake.backfill.publish;

import io.fmslake.backfill.progress.Progress;
import io.fmslake.backfill.spill.SpillRun;
import io.fmslake.backfill.tier.TierRouter;
import io.fmslake.commit.MinutePublisher;
import io.fmslake.merge.MergeEngine;
import io.fmslake.merge.MergeException;
import io.fmslake.merge.MergeInput;
import io.fmslake.merge.MergeLease;
import io.fmslake.merge.MergePlan;
import io.fmslake.merge.MergePlanner;
import io.fmslake.merge.MergeResult;
import io.fmslake.row.OffsetSet;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the sorted runs into the lake, each into the tier its window has reached now:
 * <ul>
 *   <li>hour, day and week targets through the merger's engine, under the merge lease: the target's runs become
 *       one local lake file ({@link Combiner}), the extra local input of the plan that folds whatever the lake holds
 *       inside the window (its own file, finer files, or the coarsest existing file covering it) into one target,
 *       deduplicated by (partition, offset); with nothing in the lake, that file is published unchanged;</li>
 *   <li>minute windows (the current hour) through the collector's write-once publisher, which probes the lake and
 *       drops rows already durable.</li>
 * </ul>
 * A target whose every run row is already durable in the files it would fold in is left untouched, so a second
 * run over the same history changes nothing.
 */
public final class TierPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(TierPublisher.class);

    private final MergePlanner planner;
    private final MergeEngine engine;
    private final MinutePublisher minutes;
    private final Combiner combiner;
    private final Supplier<MergeLease> leases;
    private final TierRouter router;
    private final ExecutorService mergePool;
    private final ExecutorService ioPool;

    /**
     * @param router routes each run's window to its tier at publish time (a window may have moved up while loading)
     * @param leases acquires the merge lease (waiting while a merge holds it)
     * @param mergePool runs merges of distinct targets side by side (CPU: one per core)
     * @param ioPool    publishes minute windows side by side (mostly waiting on the bucket)
     */
    public TierPublisher(MergePlanner planner, MergeEngine engine, MinutePublisher minutes, Combiner combiner,
                         Supplier<MergeLease> leases, TierRouter router, ExecutorService mergePool,
                         ExecutorService ioPool) {
        this.planner = planner;
        this.engine = engine;
        this.minutes = minutes;
        this.combiner = combiner;
        this.leases = leases;
        this.router = router;
        this.mergePool = mergePool;
        this.ioPool = ioPool;
    }

    /** The final target of every run, targets in window order. */
    public Map<Window, List<SpillRun>> targets(List<SpillRun> runs) {
        Map<Window, List<SpillRun>> out = new TreeMap<>();
        for (SpillRun r : runs) {
            out.computeIfAbsent(router.targetOf(r.window()), w -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** @param afterTarget called after each target is published or left untouched */
    public PublishStats publish(List<SpillRun> runs, Progress progress, Runnable afterTarget) {
        Map<Window, List<SpillRun>> targets = targets(runs);
        PublishStats stats = new PublishStats();
        Map<Window, List<SpillRun>> merged = new TreeMap<>();
        targets.forEach((w, rs) -> {
            if (w.level() != Level.MINUTE) {
                merged.put(w, rs);
            }
        });
        List<Runnable> minuteTasks = new ArrayList<>();
        targets.forEach((w, rs) -> {
            if (w.level() == Level.MINUTE) {
                minuteTasks.add(() -> {
                    stats.minute(minutes.publishRows(w, combiner.toRows(rs)));
                    progress.advance(1);
                    afterTarget.run();
                });
            }
        });
        // Minute windows (the current hour) never overlap a merged target: they go out meanwhile, on the I/O pool.
        Parallel.Running minutesRunning = Parallel.start(ioPool, minuteTasks);
        RuntimeException failure = null;
        try {
            if (!merged.isEmpty()) {
                try (MergeLease lease = leases.get()) {
                    lease.startHeartbeat();
                    List<Runnable> tasks = new ArrayList<>();
                    largestFirst(merged).forEach(e -> tasks.add(() -> {
                        mergeInto(e.getKey(), e.getValue(), lease, stats);
                        progress.advance(1);
                        afterTarget.run();
                    }));
                    Parallel.runAll(mergePool, tasks);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            minutesRunning.await();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return stats;
    }

    /** Targets by descending row count, so that the longest one does not start last and hold up the end. */
    private static List<Map.Entry<Window, List<SpillRun>>> largestFirst(Map<Window, List<SpillRun>> targets) {
        List<Map.Entry<Window, List<SpillRun>>> out = new ArrayList<>(targets.entrySet());
        out.sort(Comparator.comparingLong((Map.Entry<Window, List<SpillRun>> e) -> -rows(e.getValue())));
        return out;
    }

    private static long rows(List<SpillRun> runs) {
        return runs.stream().mapToLong(r -> r.summary().rows()).sum();
    }

    private void mergeInto(Window w, List<SpillRun> runs, MergeLease lease, PublishStats stats) {
        OffsetSet mine = new OffsetSet();
        runs.forEach(r -> mine.addAll(r.summary().offsets()));
        if (allDurable(w, mine, List.of(), stats)) {
            return; // checked before writing anything: a rerun over a loaded history costs a listing per target
        }
        MergeInput.LocalFile combined = combiner.toFile(w, runs);
        try {
            for (int attempt = 1; ; attempt++) {
                MergePlan plan = planner.planInto(w, List.of(combined));
                OffsetSet lake = lakeOffsets(plan);
                if (mine.countIn(lake) == mine.count()) {
                    allDurable(w, mine, List.of(combined), stats);
                    return;
                }
                try {
                    MergeResult r = engine.execute(plan, lease);
                    stats.merged(plan.target(), r, mine.count() - mine.countIn(lake));
                    return;
                } catch (MergeException e) {
                    if (attempt >= 3) {
                        throw e;
                    }
                    LOG.warn("merge into {} failed ({}); planning again", plan.targetKey(), e.getMessage());
                    // e.g. two windows folding into the same existing coarser file at once: the later one plans again
                }
            }
        } finally {
            delete(combined);
        }
    }

    /** True (and counted as left untouched) when the lake's files for {@code w} already hold every loaded row. */
    private boolean allDurable(Window w, OffsetSet mine, List<MergeInput.LocalFile> locals, PublishStats stats) {
        MergePlan plan = planner.planInto(w, locals);
        OffsetSet lake = lakeOffsets(plan);
        if (mine.countIn(lake) != mine.count()) {
            return false;
        }
        LOG.info("{}: all {} loaded rows are already durable in the lake's files of {}; left untouched",
                plan.targetKey(), mine.count(), plan.target());
        stats.skipped(plan.target(), mine.count());
        return true;
    }

    /** What the lake's files planned for the target hold: every part and file to fold, kept ones included. */
    private static OffsetSet lakeOffsets(MergePlan plan) {
        return plan.lake();
    }

    private static void delete(MergeInput.LocalFile file) {
        try {
            Files.deleteIfExists(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
