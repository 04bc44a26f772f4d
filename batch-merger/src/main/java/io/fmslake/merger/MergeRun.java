package io.fmslake.merger;

import io.fmslake.merge.LeaseLostException;
import io.fmslake.merge.MergeEngine;
import io.fmslake.merge.MergeException;
import io.fmslake.merge.MergeLease;
import io.fmslake.merge.MergePlan;
import io.fmslake.merge.MergePlanner;
import io.fmslake.merge.MergeResult;
import io.fmslake.merge.Tiering;
import io.fmslake.merge.WindowLeases;
import io.fmslake.store.StoreException;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hour, day or week run: find the candidate windows (those of this run's shard), then for each take its lease,
 * plan it under the lease, merge it, release. Runs on other windows proceed meanwhile; a run on an overlapping
 * window waits (DESIGN-merger.md, "Leases per window"). A failed window is logged and the others still run; the run
 * then fails (non-zero) so that a Kubernetes Job retries. A lost lease stops the run. {@code LEASE_WAIT} bounds the
 * run's waiting for leases in total, not per window.
 */
final class MergeRun {
    private static final Logger LOG = LoggerFactory.getLogger(MergeRun.class);
    private final MergerContext ctx;
    private volatile Duration leaseWait = Duration.ZERO;

    MergeRun(MergerContext ctx) {
        this.ctx = ctx;
    }

    /** A run's outcome: merges done and windows that failed. */
    record Outcome(List<MergeResult> results, List<String> failures) {
        boolean ok() {
            return failures.isEmpty();
        }
    }

    /** How long the run waited for leases (so far, if it is still waiting or gave up). */
    Duration leaseWait() {
        return leaseWait;
    }

    /**
     * The window of {@code --window}, if given.
     *
     * @throws IllegalArgumentException when the window text is malformed or the window is not closed at {@code now}
     */
    Optional<Window> window(Level level, Instant now, Optional<String> window) {
        return window.map(text -> explicitWindow(level, text, now));
    }

    /**
     * @param explicit the window to merge, or empty for catch-up
     * @param shard    the share of the windows this run takes ({@link Shard#ALL}: every window)
     */
    Outcome runWindow(Level level, Instant now, Optional<Window> explicit, Shard shard, boolean dryRun) {
        MergeEngine.removeStaleWorkDirs(ctx.settings().tmpDir(), Duration.ofDays(1), ctx.clock().instant());
        MergePlanner planner = ctx.planner();
        if (dryRun) {
            MergePlanner.RunPlan plan = explicit.isPresent()
                    ? new MergePlanner.RunPlan(explicit.filter(shard::contains).flatMap(planner::planWindow).stream()
                    .toList(), List.of())
                    : planner.planRun(level, now);
            PlanPrinter.print(ctx.out(), level, now, new MergePlanner.RunPlan(
                    plan.plans().stream().filter(p -> explicit.isPresent() || shard.contains(p.target())).toList(),
                    plan.skipped()));
            return new Outcome(List.of(), List.of());
        }
        List<Window> windows = explicit.map(List::of).orElseGet(() -> candidates(planner, level, now));
        List<Window> mine = windows.stream().filter(shard::contains).toList();
        if (mine.size() < windows.size()) {
            LOG.info("{} run, shard {}: {} of {} window(s) are this shard's, the others belong to other shards",
                    level.folder(), shard, mine.size(), windows.size());
        }
        if (mine.isEmpty()) {
            LOG.info("{} run at {}: nothing to merge", level.folder(), now);
        }
        return execute(mine, explicit.isPresent());
    }

    private List<Window> candidates(MergePlanner planner, Level level, Instant now) {
        Tiering.Selection selection = planner.select(level, now);
        selection.skipped().forEach(k -> LOG.info("{} run leaves {}: {}", level.folder(), k.window(), k.reason()));
        return selection.groups().stream().map(Tiering.Group::target).toList();
    }

    private Outcome execute(List<Window> windows, boolean explicit) {
        WindowLeases leases = ctx.leases();
        MergeEngine engine = ctx.engine();
        List<MergeResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Window w : windows) {
            String name = ctx.codec().format(w);
            try {
                Optional<MergeResult> merged = merge(w, explicit, leases, engine);
                merged.ifPresent(r -> {
                    results.add(r);
                    ctx.out().printf("merged %s: %d files, %d rows, %d duplicates dropped, %s, %d bytes in %d file(s), "
                                    + "%d deleted, %.1f s%n", r.targetKey(), r.inputs(), r.rows(), r.duplicates(),
                            r.strategy(), r.bytes(), r.published().size(), r.deleted(), r.elapsed().toMillis() / 1000.0);
                });
            } catch (LeaseLostException e) {
                failures.add(name + ": " + e.getMessage());
                LOG.error("stopping the run without another write: {}", e.getMessage());
                break;
            } catch (MergeException | StoreException | UncheckedIOException e) {
                failures.add(name + ": " + e.getMessage());
                LOG.error("merge into {} failed; its inputs are untouched or already published: {}", name,
                        e.getMessage(), e);
            }
        }
        return new Outcome(results, failures);
    }

    /**
     * Merges {@code w} under the lease of its target: {@code w} itself in a catch-up (a window that meanwhile lies
     * inside an existing coarser file is left to that level's run), or, for {@code --window}, the coarsest existing
     * window covering it. Under the lease the target is checked again: it cannot change while the lease is held.
     */
    private Optional<MergeResult> merge(Window w, boolean explicit, WindowLeases leases, MergeEngine engine) {
        MergePlanner planner = ctx.planner();
        Window target = explicit ? planner.targetOf(w) : w;
        for (int attempt = 0; attempt < Level.values().length; attempt++) {
            try (MergeLease lease = acquire(leases, target)) {
                Window now = planner.targetOf(w);
                if (!now.equals(target) && !explicit) {
                    LOG.info("leaving {}: it lies inside {} now, whose run folds it in", w, now);
                    return Optional.empty();
                }
                if (!now.equals(target)) {
                    LOG.info("{} now lies inside {}: taking that window's lease", w, now);
                    target = now;
                    continue;
                }
                Optional<MergePlan> plan = planner.planWindow(w);
                if (plan.isEmpty()) {
                    LOG.info("{}: nothing to merge any more (merged meanwhile)", w);
                    return Optional.empty();
                }
                return Optional.of(engine.execute(plan.get(), lease));
            }
        }
        throw new MergeException("the target of " + w + " kept moving to coarser windows; try again");
    }

    /** The lease of {@code target}, waiting at most what is left of {@code LEASE_WAIT} for this run. */
    private MergeLease acquire(WindowLeases leases, Window target) {
        Duration left = ctx.settings().leaseWait().minus(leaseWait);
        long start = System.nanoTime();
        try {
            return leases.acquire(target, left.isNegative() ? Duration.ZERO : left);
        } finally {
            leaseWait = leaseWait.plusNanos(System.nanoTime() - start);
        }
    }

    private Window explicitWindow(Level level, String text, Instant now) {
        Tiering tiering = ctx.tiering();
        Window w = tiering.parse(level, text);
        if (!tiering.closed(w, now)) {
            throw new IllegalArgumentException(level.folder() + " " + w.start() + " is not closed before "
                    + tiering.closesAt(w) + " (window end plus WINDOW_GRACE); pass --now to override");
        }
        return w;
    }
}
