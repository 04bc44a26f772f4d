package io.fmslake.backfill.publish;

import io.fmslake.backfill.progress.Progress;
import io.fmslake.backfill.spill.SpillRun;
import io.fmslake.backfill.tier.TierRouter;
import io.fmslake.merge.LeaseLostException;
import io.fmslake.merge.LeaseUnavailableException;
import io.fmslake.merge.MergeEngine;
import io.fmslake.merge.MergeException;
import io.fmslake.merge.MergeInput;
import io.fmslake.merge.MergeLease;
import io.fmslake.merge.MergePlan;
import io.fmslake.merge.MergePlanner;
import io.fmslake.merge.MergeResult;
import io.fmslake.merge.WindowLeases;
import io.fmslake.publish.MinutePublisher;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the sorted runs into the lake, each into the tier its window has reached now:
 * <ul>
 *   <li>hour, day and week targets through the merger's engine, each under the lease of the window it rewrites
 *       (the merger's leases per window, so merges of other windows go on meanwhile): the target's runs become
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
    private final WindowLeases leases;
    private final TierRouter router;
    private final ExecutorService mergePool;
    private final ExecutorService ioPool;

    /**
     * @param router routes each run's window to its tier at publish time (a window may have moved up while loading)
     * @param leases acquires the lease of a target window (waiting while a merge of an overlapping window holds one)
     * @param mergePool runs merges of distinct targets side by side (CPU: one per core)
     * @param ioPool    publishes minute windows side by side (mostly waiting on the bucket)
     */
    public TierPublisher(
            MergePlanner planner,
            MergeEngine engine,
            MinutePublisher minutes,
            Combiner combiner,
            WindowLeases leases,
            TierRouter router,
            ExecutorService mergePool,
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
            out.computeIfAbsent(router.targetOf(r.window()), w -> new ArrayList<>())
                    .add(r);
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
            List<Runnable> tasks = new ArrayList<>();
            largestFirst(merged)
                    .forEach(e -> tasks.add(() -> {
                        mergeInto(e.getKey(), e.getValue(), stats);
                        progress.advance(1);
                        afterTarget.run();
                    }));
            Parallel.runAll(mergePool, tasks);
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

    /**
     * Under the lease of the window the loaded rows go into (the coarsest existing window covering {@code w}, else
     * {@code w}; checked again once the lease is held, when it can no longer change): skips the target if the lake
     * already holds every loaded row, else merges them in.
     */
    private void mergeInto(Window w, List<SpillRun> runs, PublishStats stats) {
        OffsetSet mine = new OffsetSet();
        runs.forEach(r -> mine.addAll(r.summary().offsets()));
        MergeInput.LocalFile combined = null;
        try {
            for (int attempt = 1; ; attempt++) {
                Window target = planner.targetOf(w);
                try (MergeLease lease = leases.acquire(target)) {
                    if (!planner.targetOf(w).equals(target)) {
                        throw new MergeException(w + " moved into " + planner.targetOf(w) + " while we waited");
                    }
                    if (allDurable(w, mine, List.of(), stats)) {
                        return; // a rerun over a loaded history costs a listing per target, nothing else
                    }
                    combined = combined != null ? combined : combiner.toFile(w, runs);
                    MergePlan plan = planner.planInto(w, List.of(combined));
                    MergeResult r = engine.execute(plan, lease);
                    stats.merged(plan.target(), r, mine.count() - mine.countIn(lakeOffsets(plan)));
                    return;
                } catch (LeaseLostException | LeaseUnavailableException e) {
                    throw e;
                } catch (MergeException e) {
                    if (attempt >= 3) {
                        throw e;
                    }
                    LOG.warn("merge into {} failed ({}); planning again", target, e.getMessage());
                }
            }
        } finally {
            if (combined != null) {
                delete(combined);
            }
        }
    }

    /** True (and counted as left untouched) when the lake's files for {@code w} already hold every loaded row. */
    private boolean allDurable(Window w, OffsetSet mine, List<MergeInput.LocalFile> locals, PublishStats stats) {
        MergePlan plan = planner.planInto(w, locals);
        OffsetSet lake = lakeOffsets(plan);
        if (mine.countIn(lake) != mine.count()) {
            return false;
        }
        LOG.info(
                "{}: all {} loaded rows are already durable in the lake's files of {}; left untouched",
                plan.targetKey(),
                mine.count(),
                plan.target());
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
