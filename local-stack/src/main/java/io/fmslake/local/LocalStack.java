package io.fmslake.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The local run, step by step: Kafka and S3 up, topic and bucket, the history (first run only), the backfill, then
 * the collector, the merger schedule and the live generator; the guide; then wait for Ctrl-C and stop in order.
 */
final class LocalStack {
    private final LocalOptions o;
    private final PrintStream out;
    private final StopSignal stop;
    private final Clock clock;
    private final Path data;

    LocalStack(LocalOptions options, PrintStream out, StopSignal stop, Clock clock) {
        this.o = options;
        this.out = out;
        this.stop = stop;
        this.clock = clock;
        this.data = options.dataDir.toAbsolutePath().normalize();
    }

    /** Runs until a stop is requested; 0 after a clean stop, 1 when a step failed. */
    int run() throws InterruptedException {
        long t0 = System.nanoTime();
        step("Kafka (KRaft, single node) on 127.0.0.1:" + o.kafkaPort + ", data in " + data.resolve("kafka"));
        try (KafkaNode kafka = KafkaNode.start(data.resolve("kafka"), o.kafkaPort, o.controllerPort)) {
            step("S3 (S3Proxy) on 127.0.0.1:" + o.s3Port + ", data in " + data.resolve("s3"));
            try (S3Node s3 = S3Node.start(data.resolve("s3"), o.s3Port)) {
                return runOn(kafka, s3, t0);
            }
        } finally {
            out.println("Kafka and S3 stopped. Run ./deploy.sh local again to continue where it stopped.");
        }
    }

    private int runOn(KafkaNode kafka, S3Node s3, long t0) throws InterruptedException {
        out.printf("bucket %s %s%n", o.bucket, s3.ensureBucket(o.bucket) ? "created" : "exists");
        long held = Topic.ensure(kafka, o.topic);
        History history = new History(data);
        Instant now = clock.instant();
        if (history.done()) {
            out.printf("topic %s holds %d records, the history included: not generated again%n", o.topic, held);
        } else if (held > 0) {
            out.printf(
                    "topic %s holds %d records of an interrupted first run: kept as they are (delete %s to start over)%n",
                    o.topic, held, data);
        } else {
            step("Generating " + o.historyRecords + " records of FMS telemetry over the last " + o.historyDays
                    + " days");
            Telemetry t = new Telemetry(o.sites, o.equipmentPerSite, o.badPerMille, o.zone(), 42);
            long sent = history.produce(kafka.bootstrapServers(), o.topic, t, o.historyDays, o.historyRecords, now);
            out.printf(
                    "%d records from %d devices at %d sites in topic %s (%.1f s)%n",
                    sent, t.devices().size(), o.sites, o.topic, seconds(t0));
        }
        ServiceEnv env = new ServiceEnv(o, s3.endpoint());
        Services services = new Services(o, env, data, out);
        Guide guide = new Guide(o, env, out);
        Path envFile = guide.writeEnvFile(data);
        LiveGenerator live = null;
        try {
            step("Loading the history with the backfill-loader (idempotent: a rerun loads only what is new)");
            int exit = services.backfill(stop);
            if (exit != 0 && stop.requested()) {
                out.println("stopped during the backfill (the next run loads the history again)");
                return 0;
            }
            if (exit != 0) {
                out.printf(
                        "backfill-loader failed (exit %d); see %s%n",
                        exit, services.logs().resolve("backfill-loader.log"));
                return 1;
            }
            out.printf("backfill done (%.1f s since start)%n", seconds(t0));
            step("Starting the realtime-collector, the batch-merger (--schedule) and the live generator");
            services.startCollector();
            services.startMergerSchedule();
            if (o.rate > 0) {
                Telemetry t = new Telemetry(o.sites, o.equipmentPerSite, o.badPerMille, o.zone(), clock.millis());
                live = new LiveGenerator(kafka.bootstrapServers(), o.topic, t, o.rate, clock).start();
                out.printf("live generator: %s records/s%n", o.rate);
            }
            step("The lake (batch-merger status)");
            guide.printLake(services);
            guide.printTierNotes(clock.instant());
            guide.printWhereToLook(data, envFile, services.logs());
            out.printf("%nlocal stack is up (%.1f s). Ctrl-C stops everything.%n", seconds(t0));
            watch(services);
            return 0;
        } finally {
            step("Stopping");
            if (live != null) {
                live.close();
                out.printf("live generator stopped (%d records sent)%n", live.sent());
            }
            services.stopAll();
        }
    }

    /** Waits for Ctrl-C, telling the user when a service exits on its own. */
    private void watch(Services services) throws InterruptedException {
        while (!stop.await(Duration.ofSeconds(2))) {
            for (ChildJvm c : services.exited()) {
                out.printf("warning: %s exited unexpectedly; see %s%n", c.name(), c.log());
            }
        }
    }

    private void step(String text) {
        out.println();
        out.println("==> " + text);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
