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
import io.fmslake.parquet.LocalFiles;
import io.fmslake.parquet.RowFileReader;
import io.fmslake.row.OffsetSet;
import io.fmslake.row.Row;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import java.util.ArrayList;
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
 *   <li>hour, day and week targets through the merger's engine, under the merge lease: the runs are extra local
 *       inputs of the plan that folds whatever the lake holds inside the window (its own file, finer files, or the
 *       coarsest existing file covering it) into one target, deduplicated by (partition, offset);</li>
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
    public TierPublisher(MergePlanner planner, MergeEngine engine, MinutePublisher minutes,
                         Supplier<MergeLease> leases, TierRouter router, ExecutorService mergePool,
                         ExecutorService ioPool) {
        this.planner = planner;
        this.engine = engine;
        this.minutes = minutes;
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
        if (!merged.isEmpty()) {
            try (MergeLease lease = leases.get()) {
                lease.startHeartbeat();
                List<Runnable> tasks = new ArrayList<>();
                merged.forEach((w, rs) -> tasks.add(() -> {
                    mergeInto(w, rs, lease, stats);
                    progress.advance(1);
                    afterTarget.run();
                }));
                Parallel.runAll(mergePool, tasks);
            }
        }
        List<Runnable> tasks = new ArrayList<>();
        targets.forEach((w, rs) -> {
            if (w.level() == Level.MINUTE) {
                tasks.add(() -> {
                    stats.minute(minutes.publishRows(w, RunFiles.readAll(rs)));
                    progress.advance(1);
                    afterTarget.run();
                });
            }
        });
        Parallel.runAll(ioPool, tasks);
        return stats;
    }

    private void mergeInto(Window w, List<SpillRun> runs, MergeLease lease, PublishStats stats) {
        List<MergeInput.LocalFile> locals = runs.stream().map(SpillRun::asMergeInput).toList();
        OffsetSet mine = new OffsetSet();
        runs.forEach(r -> mine.addAll(r.summary().offsets()));
        for (int attempt = 1; ; attempt++) {
            MergePlan plan = planner.planInto(w, locals);
            OffsetSet lake = new OffsetSet();
            for (MergeInput in : plan.inputs()) {
                if (in instanceof MergeInput.StoreFile) {
                    lake.addAll(in.summary().offsets());
                }
            }
            if (mine.countIn(lake) == mine.count()) {
                LOG.info("{}: all {} loaded rows are already durable in {}; left untouched", plan.targetKey(),
                        mine.count(), plan.inputs().size() - locals.size() + " lake file(s)");
                stats.skipped(plan.target(), mine.count());
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
    }

    /** Reads runs back into memory: used for minute windows only (at most a minute of rows each). */
    static final class RunFiles {
        private RunFiles() {
        }

        static List<Row> readAll(List<SpillRun> runs) {
            List<Row> rows = new ArrayList<>();
            for (SpillRun r : runs) {
                try (RowFileReader reader = RowFileReader.open(LocalFiles.input(r.file()))) {
                    for (Row row = reader.next(); row != null; row = reader.next()) {
                        rows.add(row);
                    }
                }
            }
            return rows;
        }
    }
}
