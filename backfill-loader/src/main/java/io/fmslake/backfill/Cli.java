package io.fmslake.backfill;

import io.fmslake.config.ConfigException;
import io.fmslake.config.StoreSettings;
import io.fmslake.merge.LeaseUnavailableException;
import io.fmslake.store.ObjectStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of the backfill: one run, exit 0 on success. */
@Command(
        name = "backfill-loader",
        mixinStandardHelpOptions = true,
        version = "backfill-loader 1.0",
        description = {
            "Loads the topic's history, from the earliest offsets Kafka holds up to where the realtime collector",
            "takes over (the committed offsets of COLLECTOR_GROUP_ID, recorded by this run when the collector has",
            "none yet), straight into the tiered layout: closed weeks into week/, closed days of the current week",
            "into day/, closed hours of the current day into hour/, the rest into minute/. Existing files of a",
            "window are merged with deduplication under the merge lease. Prints progress and a summary.",
            "Configuration comes from environment variables (see docs/contract.md)."
        },
        footer = {
            "",
            "Exit status: 0 success (also when there was nothing to load), 1 failure (a rerun converges),",
            "2 bad usage or configuration."
        })
final class Cli implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final Map<String, String> env;
    private final Function<StoreSettings, ObjectStore> stores;
    private final PrintStream terminal;

    @Option(
            names = "--now",
            paramLabel = "<instant>",
            description = "Choose tiers as if the current time were this ISO-8601 instant (tests, replays); leases "
                    + "and progress keep the wall clock.")
    Instant now;

    @Option(
            names = "--from-earliest",
            description = "Read from the earliest offsets even if a finished run recorded its range in KAFKA_GROUP_ID "
                    + "(rows already in the lake are deduplicated; nothing is written twice).")
    boolean fromEarliest;

    /** @param terminal where progress bars go, or null to log progress lines (no console, e.g. a pod) */
    Cli(Map<String, String> env, Function<StoreSettings, ObjectStore> stores, PrintStream terminal) {
        this.env = env;
        this.stores = stores;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        BackfillSettings settings = BackfillSettings.fromEnv(
                env, Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
        settings.describe()
                .forEach(line -> org.slf4j.LoggerFactory.getLogger(Cli.class).info("setting {}", line));
        Clock clock = Clock.systemUTC();
        Clock tierClock = now == null ? clock : Clock.offset(clock, Duration.between(clock.instant(), now));
        try (Wiring wiring = Wiring.open(settings, stores, clock, terminal, TestHooks.from(env))) {
            Summary summary = wiring.run(fromEarliest, tierClock);
            summary.lines().forEach(System.out::println);
            return OK;
        }
    }

    /** The command line bound to the environment; errors become messages and exit codes. */
    static CommandLine build(
            Map<String, String> env, Function<StoreSettings, ObjectStore> stores, PrintStream terminal) {
        CommandLine cl = new CommandLine(new Cli(env, stores, terminal));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
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
