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

/** {@code hour|day|week [--now <instant>] [--window <start>] [--dry-run]}. */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
final class LevelCommand implements Callable<Integer> {
    private final Level level;
    private final Supplier<MergerContext> context;

    @Option(names = "--now", paramLabel = "<instant>",
            description = "Treat this ISO-8601 instant as the current time, e.g. 2025-06-12T11:01:00Z.")
    String now;

    @Option(names = "--window", paramLabel = "<start>",
            description = "Merge just this window: 2025-06-12T00:00 for an hour, 2025-06-12 for a day, "
                    + "the first day for a week. Default: every closed window with finer files (catch-up).")
    String window;

    @Option(names = "--dry-run", description = "Print the plan (targets, inputs, rows) and change nothing.")
    boolean dryRun;

    LevelCommand(Level level, Supplier<MergerContext> context) {
        this.level = level;
        this.context = context;
    }

    @Override
    public Integer call() {
        Instant at = parseNow();
        try (MergerContext ctx = context.get()) {
            Instant when = at == null ? ctx.clock().instant() : at;
            MergeRun.Outcome outcome = dryRun ? new MergeRun(ctx).run(level, when, Optional.ofNullable(window), true)
                    : RecordedMerge.run(ctx, level, when, Optional.ofNullable(window));
            if (!outcome.ok()) {
                outcome.failures().forEach(f -> ctx.out().println("FAILED " + f));
                return Cli.FAILURE;
            }
            return Cli.OK;
        }
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
                throw new IllegalArgumentException("--now '" + now + "' is not an ISO-8601 instant such as "
                        + "2025-06-12T11:01:00Z");
            }
        }
    }
}
