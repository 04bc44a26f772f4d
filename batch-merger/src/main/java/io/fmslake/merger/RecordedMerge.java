package io.fmslake.merger;

import io.fmslake.config.ConfigException;
import io.fmslake.merge.MergeResult;
import io.fmslake.status.JobStatus;
import io.fmslake.status.LakeSize;
import io.fmslake.status.StatusRecorder;
import io.fmslake.window.LakeKey;
import io.fmslake.window.Level;
import io.fmslake.window.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A merge run (one-shot or scheduled) that records its status in {@code _lake/status/merge-<level>.json}: outcome,
 * exit status, what it merged, the lease wait, its shard, and the lake's size per tier after the run. The shards of a
 * catch-up Indexed Job write the same object one after the other: it tells the last pod's run. Recording never changes
 * the run's outcome (see {@link StatusRecorder}).
 */
final class RecordedMerge {
    private RecordedMerge() {}

    /**
     * Runs {@link MergeRun#runWindow} (not a dry run) and records it; exceptions are recorded and rethrown. A
     * {@code --window} that is malformed or not closed is refused before the run starts, and not recorded.
     */
    static MergeRun.Outcome run(MergerContext ctx, Level level, Instant now, Optional<String> window, Shard shard) {
        MergeRun run = new MergeRun(ctx);
        Optional<Window> explicit = run.window(level, now, window);
        StatusRecorder status = ctx.recorder(job(level));
        Instant started = ctx.clock().instant();
        try {
            MergeRun.Outcome outcome = run.runWindow(level, now, explicit, shard, false);
            status.finished(
                    started,
                    outcome.ok() ? Cli.OK : Cli.FAILURE,
                    outcome.ok()
                            ? ""
                            : outcome.failures().size() + " window(s) failed, first: "
                                    + outcome.failures().get(0),
                    details(ctx, outcome, run.leaseWait(), shard));
            return outcome;
        } catch (RuntimeException e) {
            int code = e instanceof ConfigException || e instanceof IllegalArgumentException ? Cli.USAGE : Cli.FAILURE;
            status.finished(
                    started,
                    code,
                    StatusRecorder.oneLine(e),
                    details(ctx, new MergeRun.Outcome(List.of(), List.of(), 0, 0), run.leaseWait(), shard));
            throw e;
        }
    }

    static String job(Level level) {
        return switch (level) {
            case HOUR -> JobStatus.MERGE_HOUR;
            case DAY -> JobStatus.MERGE_DAY;
            case WEEK -> JobStatus.MERGE_WEEK;
            case MINUTE -> throw new IllegalArgumentException("minutes are not merged");
        };
    }

    private static Map<String, Object> details(
            MergerContext ctx, MergeRun.Outcome outcome, Duration leaseWait, Shard shard) {
        List<MergeResult> results = outcome.results();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("windows", results.size());
        d.put("windows_failed", outcome.failures().size());
        d.put(
                "rows",
                results.stream()
                        .filter(r -> !deadLetters(r))
                        .mapToLong(MergeResult::rows)
                        .sum());
        d.put(
                "dead_letters",
                results.stream()
                        .filter(RecordedMerge::deadLetters)
                        .mapToLong(MergeResult::rows)
                        .sum());
        d.put("dead_letter_files_expired", outcome.expiredFiles());
        d.put("dead_letters_expired", outcome.expiredDeadLetters());
        d.put(
                "duplicates_dropped",
                results.stream().mapToLong(MergeResult::duplicates).sum());
        d.put("bytes_written", results.stream().mapToLong(MergeResult::bytes).sum());
        d.put("files_read", results.stream().mapToLong(MergeResult::inputs).sum());
        d.put("files_deleted", results.stream().mapToLong(MergeResult::deleted).sum());
        d.put(
                "files_left_changed",
                results.stream().mapToLong(MergeResult::leftChanged).sum());
        d.put("lease_wait_seconds", leaseWait.toMillis() / 1000.0);
        if (shard.count() > 1) {
            d.put("shard", shard.toString());
        }
        d.put("targets", results.stream().map(MergeResult::targetKey).limit(50).toList());
        ctx.openedStore().flatMap(store -> LakeSize.of(store, ctx.codec())).ifPresent(size -> d.put("lake", size));
        return d;
    }

    private static boolean deadLetters(MergeResult r) {
        return r.targetKey().startsWith(LakeKey.ERRORS + "/");
    }
}
