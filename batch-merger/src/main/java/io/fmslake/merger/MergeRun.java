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
import io.fmslake.window.LakeKey;
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
 * plan it under the lease, merge it, release; first for the rows' tiers, then the same for the dead letters under
 * {@code errors/} (their own files and targets, the same windows' leases: DESIGN-merger.md, "Dead letters"). Runs on other windows proceed meanwhile; a run on an overlapping
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

    /** A run's outcome: merges done, windows that failed, dead-letter files expired ({@code DEAD_LETTER_RETENTION}). */
    record Outcome(List<MergeResult> results, List<String> failures, int expiredFiles, long expiredDeadLetters) {
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
        MergeEngine.removeStaleWorkDirs(
                ctx.settings().tmpDir(), Duration.ofDays(1), ctx.clock().instant());
        List<MergeResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        boolean stopped = false;
        for (MergePlanner planner : List.of(ctx.planner(), ctx.planner().forDeadLetters())) {
            if (dryRun) {
                dryRun(planner, level, now, explicit, shard);
            } else if (!stopped) {
                stopped = !execute(
                        planner,
                        windows(planner, level, now, explicit, shard),
                        explicit.isPresent(),
                        results,
                        failures);
            }
        }
        Optional<Duration> retention = ctx.settings().deadLetterRetention();
        if (dryRun || stopped || explicit.isPresent() || retention.isEmpty()) {
            return new Outcome(results, failures, 0, 0);
        }
        DeadLetterExpiry.Outcome expired = new DeadLetterExpiry(ctx.store(), ctx.codec(), ctx.leases(), retention.get())
                .run(now, shard, remainingWait());
        failures.addAll(expired.failures());
        if (expired.files() > 0) {
            ctx.out()
                    .printf(
                            "expired %d dead-letter file(s) (%d dead letters) older than DEAD_LETTER_RETENTION=%s%n",
                            expired.files(), expired.deadLetters(), retention.get());
        }
        return new Outcome(results, failures, expired.files(), expired.deadLetters());
    }

    private void dryRun(MergePlanner planner, Level level, Instant now, Optional<Window> explicit, Shard shard) {
        MergePlanner.RunPlan plan = explicit.isPresent()
                ? new MergePlanner.RunPlan(
                        explicit.filter(shard::contains).flatMap(planner::planWindow).stream()
                                .toList(),
                        List.of())
                : planner.planRun(level, now);
        PlanPrinter.print(
                ctx.out(),
                level,
                now,
                new MergePlanner.RunPlan(
                        plan.plans().stream()
                                .filter(p -> explicit.isPresent() || shard.contains(p.target()))
                                .toList(),
                        plan.skipped()),
                planner.deadLetters());
    }

    private List<Window> windows(
            MergePlanner planner, Level level, Instant now, Optional<Window> explicit, Shard shard) {
        String what = level.folder() + (planner.deadLetters() ? " run (dead letters)" : " run");
        // an explicit window without dead letters takes no lease for them
        List<Window> windows = explicit.map(
                        w -> planner.deadLetters() && !planner.hasWork(w) ? List.<Window>of() : List.of(w))
                .orElseGet(() -> candidates(planner, level, now, what));
        List<Window> mine = windows.stream().filter(shard::contains).toList();
        if (mine.size() < windows.size()) {
            LOG.info(
                    "{}, shard {}: {} of {} window(s) are this shard's, the others belong to other shards",
                    what,
                    shard,
                    mine.size(),
                    windows.size());
        }
        if (mine.isEmpty()) {
            LOG.info("{} at {}: nothing to merge", what, now);
        }
        return mine;
    }

    private List<Window> candidates(MergePlanner planner, Level level, Instant now, String what) {
        Tiering.Selection selection = planner.select(level, now);
        selection.skipped().forEach(k -> LOG.info("{} leaves {}: {}", what, k.window(), k.reason()));
        return selection.groups().stream().map(Tiering.Group::target).toList();
    }

    /** Merges the windows one after the other; false when a lost lease stopped the run. */
    private boolean execute(
            MergePlanner planner,
            List<Window> windows,
            boolean explicit,
            List<MergeResult> results,
            List<String> failures) {
        WindowLeases leases = ctx.leases();
        MergeEngine engine = ctx.engine();
        for (Window w : windows) {
            String name = ctx.codec().format(LakeKey.base(w, planner.deadLetters()));
            try {
                Optional<MergeResult> merged = merge(planner, w, explicit, leases, engine);
                merged.ifPresent(r -> {
                    results.add(r);
                    ctx.out()
                            .printf(
                                    "merged %s: %d files, %d %s, %d duplicates dropped, %s, %d bytes in %d file(s), "
                                            + "%d deleted, %.1f s%n",
                                    r.targetKey(),
                                    r.inputs(),
                                    r.rows(),
                                    planner.deadLetters() ? "dead letters" : "rows",
                                    r.duplicates(),
                                    r.strategy(),
                                    r.bytes(),
                                    r.published().size(),
                                    r.deleted(),
                                    r.elapsed().toMillis() / 1000.0);
                });
            } catch (LeaseLostException e) {
                failures.add(name + ": " + e.getMessage());
                LOG.error("stopping the run without another write: {}", e.getMessage());
                return false;
            } catch (MergeException | StoreException | UncheckedIOException e) {
                failures.add(name + ": " + e.getMessage());
                LOG.error(
                        "merge into {} failed; its inputs are untouched or already published: {}",
                        name,
                        e.getMessage(),
                        e);
            }
        }
        return true;
    }

    /**
     * Merges {@code w} under the lease of its target: {@code w} itself in a catch-up (a window that meanwhile lies
     * inside an existing coarser file is left to that level's run), or, for {@code --window}, the coarsest existing
     * window covering it. Under the lease the target is checked again: it cannot change while the lease is held.
     */
    private Optional<MergeResult> merge(
            MergePlanner planner, Window w, boolean explicit, WindowLeases leases, MergeEngine engine) {
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
        long start = System.nanoTime();
        try {
            return leases.acquire(target, remainingWait());
        } finally {
            leaseWait = leaseWait.plusNanos(System.nanoTime() - start);
        }
    }

    /** What is left of {@code LEASE_WAIT} for this run. */
    private Duration remainingWait() {
        Duration left = ctx.settings().leaseWait().minus(leaseWait);
        return left.isNegative() ? Duration.ZERO : left;
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
