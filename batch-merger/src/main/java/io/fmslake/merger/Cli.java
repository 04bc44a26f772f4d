package io.fmslake.merger;

import io.fmslake.config.ConfigException;
import io.fmslake.merge.LeaseUnavailableException;
import io.fmslake.window.Level;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code hour|day|week}, {@code status}, {@code verify}, and {@code --schedule}. */
@Command(
        name = "batch-merger",
        mixinStandardHelpOptions = true,
        version = "batch-merger 1.0",
        description = {
            "Rolls minute files up into hour, day and week files (tiered, deduplicated, crash-safe).",
            "Configuration comes from environment variables (see docs/contract.md)."
        },
        footer = {
            "",
            "Exit status: 0 success (also when there was nothing to do), 1 a merge or check failed,",
            "2 bad usage or configuration."
        })
final class Cli implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final Supplier<MergerContext> context;

    @Option(
            names = "--schedule",
            description = "Daemon: run the hour, day and week merges on their cron schedules "
                    + "(MERGE_HOUR_CRON, MERGE_DAY_CRON, MERGE_WEEK_CRON) in TIMEZONE until SIGTERM.")
    boolean schedule;

    Cli(Supplier<MergerContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!schedule) {
            CommandLine.usage(this, System.err);
            return USAGE;
        }
        return new ScheduleDaemon(context.get()).run();
    }

    /** The command line wired to {@code context}; errors become messages and exit codes. */
    static CommandLine build(Supplier<MergerContext> context) {
        CommandLine cl = new CommandLine(new Cli(context));
        for (Level level : new Level[] {Level.HOUR, Level.DAY, Level.WEEK}) {
            CommandLine sub = new CommandLine(new LevelCommand(level, context));
            sub.getCommandSpec()
                    .usageMessage()
                    .description("Merge every closed " + level.folder() + " window that still has finer files into "
                            + level.folder() + "/ (catch-up, late data included), or just --window.");
            cl.addSubcommand(level.folder(), sub);
        }
        cl.addSubcommand("status", new StatusCommand(context));
        cl.addSubcommand("verify", new VerifyCommand(context));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof LeaseUnavailableException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return FAILURE;
            }
            commandLine.getErr().println("error: " + e);
            e.printStackTrace(commandLine.getErr());
            return FAILURE;
        });
        return cl;
    }
}
