package io.fmslake.merger;

import io.fmslake.window.Level;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hour|day|week [--now <instant>] [--window <start>] [--shard <i>/<n>] [--dry-run]}. */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
final class LevelCommand implements Callable<Integer> {
    private final Level level;
    private final Supplier<MergerContext> context;

    @Option(
            names = "--now",
            paramLabel = "<instant>",
            description = "Treat this ISO-8601 instant as the current time, e.g. 2025-06-12T11:01:00Z.")
    String now;

    @Option(
            names = "--window",
            paramLabel = "<start>",
            description = "Merge just this window: 2025-06-12T00:00 for an hour, 2025-06-12 for a day, "
                    + "the first day for a week. Default: every closed window with finer files (catch-up).")
    String window;

    @Option(
            names = "--shard",
            paramLabel = "<i>/<n>",
            description = "Take only shard i of n of the windows (by their position in time), e.g. 0/3; default: "
                    + "JOB_COMPLETION_INDEX of MERGE_SHARDS in an Indexed Job, else every window.")
    String shard;

    @Option(names = "--dry-run", description = "Print the plan (targets, inputs, rows) and change nothing.")
    boolean dryRun;

    LevelCommand(Level level, Supplier<MergerContext> context) {
        this.level = level;
        this.context = context;
    }

    @Override
    public Integer call() {
        Instant at = parseNow();
        Optional<Shard> given = Optional.ofNullable(shard).map(Shard::parse);
        try (MergerContext ctx = context.get()) {
            Instant when = at == null ? ctx.clock().instant() : at;
            Shard s = given.orElse(ctx.settings().shard());
            MergeRun.Outcome outcome =
                    dryRun ? dryRun(ctx, when, s) : RecordedMerge.run(ctx, level, when, Optional.ofNullable(window), s);
            if (!outcome.ok()) {
                outcome.failures().forEach(f -> ctx.out().println("FAILED " + f));
                return Cli.FAILURE;
            }
            return Cli.OK;
        }
    }

    private MergeRun.Outcome dryRun(MergerContext ctx, Instant when, Shard s) {
        MergeRun run = new MergeRun(ctx);
        return run.runWindow(level, when, run.window(level, when, Optional.ofNullable(window)), s, true);
    }

    private Instant parseNow() {
        if (now == null) {
            return null;
        }
        try {
            return Instant.parse(now);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(now).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(
                        "--now '" + now + "' is not an ISO-8601 instant such as " + "2025-06-12T11:01:00Z");
            }
        }
    }
}
