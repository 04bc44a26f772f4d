package io.fmslake.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three services as child JVMs from their own jars, configured like a deployment (environment variables),
 * each logging to {@code <data>/logs/<service>.log}. Stops them all with SIGTERM (the services write, commit and
 * exit 0), killing any that outlive the grace period.
 */
final class Services {
    static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final LocalOptions o;
    private final ServiceEnv env;
    private final Path logs;
    private final Path work;
    private final PrintStream out;
    private final List<ChildJvm> running = new ArrayList<>();

    Services(LocalOptions options, ServiceEnv env, Path dataDir, PrintStream out) {
        this.o = options;
        this.env = env;
        this.logs = dataDir.resolve("logs");
        this.work = dataDir.resolve("work");
        this.out = out;
    }

    Path logs() {
        return logs;
    }

    /** Runs the backfill-loader to its end; returns its exit status, or -1 when a stop was requested meanwhile. */
    int backfill(StopSignal stop) throws InterruptedException {
        ChildJvm b = start(ServiceJars.BACKFILL, o.backfillHeap, env.backfill(work.resolve("backfill")));
        while (true) {
            int exit = b.awaitExit(Duration.ofMillis(500));
            if (exit >= 0) {
                forget(b);
                return exit;
            }
            if (stop.requested()) {
                return -1;
            }
        }
    }

    void startCollector() {
        start(ServiceJars.COLLECTOR, o.serviceHeap, env.collector());
    }

    void startMergerSchedule() {
        start(ServiceJars.MERGER, o.serviceHeap, env.merger(work.resolve("merge")), "--schedule");
    }

    /** {@code batch-merger <args>} as a one-shot command: its exit status and stdout. */
    ChildJvm.Result merger(Duration timeout, String... args) {
        return ChildJvm.run(
                ServiceJars.jar(o.repo, ServiceJars.MERGER),
                o.serviceHeap,
                env.merger(work.resolve("merge-cli")),
                logs.resolve("batch-merger-cli.log"),
                timeout,
                args);
    }

    /** Children that exited on their own since the last call (a crash worth telling the user about). */
    synchronized List<ChildJvm> exited() {
        List<ChildJvm> gone = running.stream().filter(c -> !c.alive()).toList();
        running.removeAll(gone);
        return gone;
    }

    /** SIGTERM to every child at once, then waits for each; prints how each one ended. */
    synchronized void stopAll() throws InterruptedException {
        for (ChildJvm c : running) {
            out.printf("stopping %s (pid %d)%n", c.name(), c.pid());
        }
        List<Thread> stoppers = new ArrayList<>();
        for (ChildJvm c : running) {
            Thread t = new Thread(
                    () -> {
                        try {
                            int exit = c.stop(STOP_GRACE);
                            out.printf("%s stopped (exit %d)%n", c.name(), exit);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "stop-" + c.name());
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            t.join();
        }
        running.clear();
    }

    private synchronized ChildJvm start(String module, String heap, Map<String, String> vars, String... args) {
        Path log = logs.resolve(module + ".log");
        ChildJvm c = ChildJvm.start(module, ServiceJars.jar(o.repo, module), heap, vars, log, args);
        running.add(c);
        out.printf("started %s (pid %d), log %s%n", module, c.pid(), log);
        return c;
    }

    private synchronized void forget(ChildJvm c) {
        running.remove(c);
    }
}
