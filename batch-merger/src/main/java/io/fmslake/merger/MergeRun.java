package io.fmslake.merger;

import io.fmslake.merge.LeaseLostException;
import io.fmslake.merge.LeaseTerms;
import io.fmslake.merge.MergeEngine;
import io.fmslake.merge.MergeException;
import io.fmslake.merge.MergeLease;
import io.fmslake.merge.MergePlan;
import io.fmslake.merge.MergePlanner;
import io.fmslake.merge.MergeResult;
import io.fmslake.merge.Ticker;
import io.fmslake.merge.Tiering;
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
 * One hour, day or week run: take the lease, plan under it, execute each merge, release. A failed window is logged
 * and the others still run; the run then fails (non-zero) so that a Kubernetes Job retries. A lost lease stops the run.
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

    /** How long the run waited for the merge lease (so far, if it is still waiting or gave up). */
    Duration leaseWait() {
        return leaseWait;
    }

    /**
     * @param window a window text as on the command line ({@code --window}), or empty for catch-up
     * @throws IllegalArgumentException when the window text is malformed or the window is not closed at {@code now}
     */
    Outcome run(Level level, Instant now, Optional<String> window, boolean dryRun) {
        return runWindow(level, now, window(level, now, window), dryRun);
    }

    /**
     * The window of {@code --window}, if given.
     *
     * @throws IllegalArgumentException when the window text is malformed or the window is not closed at {@code now}
     */
    Optional<Window> window(Level level, Instant now, Optional<String> window) {
        return window.map(text -> explicitWindow(level, text, now));
    }

    /** @param explicit the window to merge, or empty for catch-up */
    Outcome runWindow(Level level, Instant now, Optional<Window> explicit, boolean dryRun) {
        MergeEngine.removeStaleWorkDirs(ctx.settings().tmpDir(), Duration.ofDays(1), ctx.clock().instant());
        MergePlanner planner = ctx.planner();
        if (dryRun) {
            PlanPrinter.print(ctx.out(), level, now, plan(planner, level, now, explicit));
            return new Outcome(List.of(), List.of());
        }
        MergerSettings s = ctx.settings();
        LeaseTerms terms = LeaseTerms.merge(s.leaseTtl(), s.leaseWait(), pollInterval(s.leaseTtl()));
        long waitStart = System.nanoTime();
        try (MergeLease lease = acquire(terms, waitStart)) {
            lease.startHeartbeat();
            MergePlanner.RunPlan plan = plan(planner, level, now, explicit);
            plan.skipped().forEach(k -> LOG.info("{} run leaves {}: {}", level.folder(), k.window(), k.reason()));
            if (plan.plans().isEmpty()) {
                LOG.info("{} run at {}: nothing to merge", level.folder(), now);
            }
            return execute(plan.plans(), lease);
        }
    }

    private MergeLease acquire(LeaseTerms terms, long waitStart) {
        try {
            return MergeLease.acquire(ctx.store(), terms, MergeLease.newOwnerId(), ctx.clock(), Ticker.SYSTEM,
                    d -> Thread.sleep(d.toMillis()));
        } finally {
            leaseWait = Duration.ofNanos(System.nanoTime() - waitStart);
        }
    }

    private Outcome execute(List<MergePlan> plans, MergeLease lease) {
        MergeEngine engine = ctx.engine();
        List<MergeResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (MergePlan p : plans) {
            try {
                MergeResult r = engine.execute(p, lease);
                results.add(r);
                ctx.out().printf("merged %s: %d files, %d rows, %d duplicates dropped, %s, %d bytes in %d file(s), "
                                + "%d deleted, %.1f s%n", r.targetKey(), r.inputs(), r.rows(), r.duplicates(),
                        r.strategy(), r.bytes(), r.published().size(), r.deleted(), r.elapsed().toMillis() / 1000.0);
            } catch (LeaseLostException e) {
                failures.add(p.targetKey() + ": " + e.getMessage());
                LOG.error("stopping the run without another write: {}", e.getMessage());
                break;
            } catch (MergeException | StoreException | UncheckedIOException e) {
                failures.add(p.targetKey() + ": " + e.getMessage());
                LOG.error("merge into {} failed; its inputs are untouched or already published: {}", p.targetKey(),
                        e.getMessage(), e);
            }
        }
        return new Outcome(results, failures);
    }

    private MergePlanner.RunPlan plan(MergePlanner planner, Level level, Instant now, Optional<Window> explicit) {
        if (explicit.isPresent()) {
            return new MergePlanner.RunPlan(planner.planWindow(explicit.get()).stream().toList(), List.of());
        }
        return planner.planRun(level, now);
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

    private static Duration pollInterval(Duration ttl) {
        Duration tenth = ttl.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : tenth;
    }
}
